package org.eusedge.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model bundle folder: pipeline.json, provenance.json, the backbone ONNX and other files, each listed with its
 * SHA-256 in SHA256SUMS (the format of sha256sum, so {@code sha256sum -c SHA256SUMS} checks it too). Loading verifies
 * every hash; the model hash is the SHA-256 of SHA256SUMS itself.
 */
public final class Bundle {
    public static final String MANIFEST = "SHA256SUMS";
    public static final String PIPELINE = "pipeline.json";
    public static final String PROVENANCE = "provenance.json";

    private final Path dir;
    private final Pipeline pipeline;
    private final JsonNode provenance;
    private final String modelHash;
    private final Map<String, String> files;

    private Bundle(Path dir, Pipeline pipeline, JsonNode provenance, String modelHash, Map<String, String> files) {
        this.dir = dir;
        this.pipeline = pipeline;
        this.provenance = provenance;
        this.modelHash = modelHash;
        this.files = files;
    }

    public static Bundle load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("model bundle " + dir + " is not a folder: give the folder `eus-edge train` wrote");
        }
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new BundleException("model bundle " + dir + " has no " + MANIFEST + ": it is not a bundle, or it is incomplete");
        }
        byte[] manifestBytes = read(manifest);
        Map<String, String> files = parseManifest(new String(manifestBytes, StandardCharsets.UTF_8), manifest);
        for (String required : List.of(PIPELINE, PROVENANCE)) {
            if (!files.containsKey(required)) {
                throw new BundleException("model bundle " + dir + ": " + MANIFEST + " does not list " + required);
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey()).normalize();
            if (!f.startsWith(dir.normalize())) {
                throw new BundleException("model bundle " + dir + ": " + MANIFEST + " names a file outside the bundle: " + e.getKey());
            }
            if (!Files.isRegularFile(f)) {
                throw new BundleException("model bundle " + dir + " is missing " + e.getKey() + " (listed in " + MANIFEST + ")");
            }
            String actual = sha256(f);
            if (!actual.equals(e.getValue())) {
                throw new BundleException("model bundle " + dir + ": " + e.getKey() + " has been modified (SHA-256 "
                        + actual.substring(0, 12) + "… instead of " + e.getValue().substring(0, 12)
                        + "…); do not use it: restore the bundle from its source");
            }
        }
        Pipeline pipeline;
        JsonNode provenance;
        try {
            pipeline = BundleJson.MAPPER.readValue(dir.resolve(PIPELINE).toFile(), Pipeline.class);
            provenance = BundleJson.MAPPER.readTree(dir.resolve(PROVENANCE).toFile());
        } catch (IOException e) {
            throw new BundleException("model bundle " + dir + ": cannot read its JSON: " + rootMessage(e), e);
        }
        if (pipeline.backbone() != null) {
            for (String f : new String[] {pipeline.backbone().file(), pipeline.backbone().int8File()}) {
                if (f != null && !files.containsKey(f)) {
                    throw new BundleException("model bundle " + dir + ": the pipeline's backbone " + f
                            + " is not listed in " + MANIFEST);
                }
            }
        }
        return new Bundle(dir, pipeline, provenance, hex(digest(manifestBytes)), files);
    }

    /** Writes SHA256SUMS over the given files of {@code dir} (paths relative to it); call it last. */
    public static String seal(Path dir, List<String> fileNames) {
        StringBuilder sb = new StringBuilder();
        for (String name : fileNames.stream().sorted().toList()) {
            sb.append(sha256(dir.resolve(name))).append("  ").append(name).append('\n');
        }
        try {
            Files.writeString(dir.resolve(MANIFEST), sb.toString());
        } catch (IOException e) {
            throw new BundleException("cannot write " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
        }
        return hex(digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public Path dir() {
        return dir;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public JsonNode provenance() {
        return provenance;
    }

    public String modelHash() {
        return modelHash;
    }

    /** Human-readable and unique: the pipeline's name and the first 12 hex digits of the model hash. */
    public String modelId() {
        return pipeline.name() + "-" + modelHash.substring(0, 12);
    }

    public Optional<Path> backbonePath() {
        return pipeline.backbone() == null ? Optional.empty() : Optional.of(dir.resolve(pipeline.backbone().file()));
    }

    /** The INT8 backbone, when the bundle has one that passed its fidelity gates. */
    public Optional<Path> int8BackbonePath() {
        Pipeline.BackboneSpec b = pipeline.backbone();
        return b == null || b.int8File() == null || !b.int8Ready() ? Optional.empty() : Optional.of(dir.resolve(b.int8File()));
    }

    /** Every sealed file's name (as listed in SHA256SUMS). */
    public java.util.Set<String> sealedFiles() {
        return java.util.Collections.unmodifiableSet(files.keySet());
    }

    public Path file(String name) {
        if (!files.containsKey(name)) throw new BundleException("model bundle " + dir + " has no file " + name);
        return dir.resolve(name);
    }

    private static Map<String, String> parseManifest(String text, Path manifest) {
        Map<String, String> files = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) continue;
            int sep = line.indexOf("  ");
            if (sep != 64 || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
                throw new BundleException(manifest + " line " + lineNo + " is not '<sha256>  <file>': " + line);
            }
            files.put(line.substring(66).trim(), line.substring(0, 64));
        }
        return files;
    }

    public static String sha256(Path file) {
        try (var in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return hex(md.digest());
        } catch (NoSuchFileException e) {
            throw new BundleException("missing file " + file);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new BundleException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }
}
