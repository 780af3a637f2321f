package org.eusedge.appliance;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.eusedge.imaging.GreyImage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Grey frames to PNG for the audit, and the SHA-256 that identifies them, with OpenCV's imencode through JavaCV
 * (JPEG for the live view and frozen frames is org.eusedge.capture.JpegEncoder).
 */
public final class FrameCodec {
    private FrameCodec() {}

    /** Lossless; the audit's frame evidence. Compression level 1: fast, the frame is still small for a grey B-mode image. */
    public static byte[] png(GreyImage image) {
        return encode(image, ".png", new int[] {opencv_imgcodecs.IMWRITE_PNG_COMPRESSION, 1});
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] encode(GreyImage image, String ext, int[] params) {
        try (Mat mat = toMat(image); BytePointer out = new BytePointer(); IntPointer p = new IntPointer(params)) {
            if (!opencv_imgcodecs.imencode(ext, mat, out, p)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.width() + "x" + image.height() + " frame as " + ext);
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    private static Mat toMat(GreyImage image) {
        Mat mat = new Mat(image.height(), image.width(), opencv_core.CV_8UC1);
        mat.data().put(image.pixels());
        return mat;
    }
}
