package org.eusedge.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The frozen frame a scoring was made on: always its SHA-256 (lower-case hex), and the PNG bytes themselves when the
 * store keeps them ({@link FrameRetention}). The hash alone still proves which frame was scored without keeping the image.
 */
public record FrameEvidence(String sha256, byte[] png) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public FrameEvidence {
        Objects.requireNonNull(sha256, "frame sha256");
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("frame SHA-256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
        if (png != null) {
            png = png.clone();
            String actual = sha256Hex(png);
            if (!actual.equals(sha256)) {
                throw new IllegalArgumentException("frame PNG hashes to " + actual + ", not the given " + sha256);
            }
        }
    }

    /** The frame as PNG bytes; its hash is computed here. */
    public static FrameEvidence ofPng(byte[] png) {
        Objects.requireNonNull(png, "frame png");
        if (png.length < PNG_SIGNATURE.length || !Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            throw new IllegalArgumentException("frame bytes are not a PNG (missing the PNG signature); encode the frozen frame as PNG first");
        }
        return new FrameEvidence(sha256Hex(png), png);
    }

    /** Only the frame's hash, for sites that must not keep patient images in the audit store. */
    public static FrameEvidence hashOnly(String sha256) {
        return new FrameEvidence(sha256, null);
    }

    public boolean hasPng() {
        return png != null;
    }

    @Override
    public byte[] png() {
        return png == null ? null : png.clone();
    }

    FrameEvidence withoutPng() {
        return hashOnly(sha256);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameEvidence f && sha256.equals(f.sha256) && Arrays.equals(png, f.png);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "FrameEvidence[sha256=" + sha256 + (png == null ? ", hash only]" : ", png " + png.length + " bytes]");
    }
}
