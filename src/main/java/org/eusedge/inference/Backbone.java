package org.eusedge.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A CNN backbone session: crops in, pooled features and the last convolutional map out.
 * <p>
 * Providers are tried in the preferred order and the first that initialises is used. ONNX Runtime's list of available
 * providers cannot decide this (the GPU build lists CUDA and TensorRT on a machine without a GPU), so each one is simply
 * tried and its OrtException recorded as a refusal. The session is the only native resource this object owns.
 * {@link #run} may be called from several threads at once (ONNX Runtime sessions are thread-safe).
 */
public final class Backbone implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Backbone.class.getName());

    private final OrtEnvironment env;
    private final OrtSession session;
    private final BackboneSignature signature;
    private final String provider;
    private final List<String> refusals;
    private volatile boolean closed;

    private Backbone(OrtSession session, BackboneSignature signature, String provider, List<String> refusals) {
        this.env = OrtEnvironment.getEnvironment();
        this.session = session;
        this.signature = signature;
        this.provider = provider;
        this.refusals = List.copyOf(refusals);
    }

    /**
     * Opens a normalised backbone graph (input N x 3 x S x S; outputs {@code features}, {@code layer4}).
     *
     * @throws IllegalArgumentException the file is missing, not ONNX, or not a normalised backbone
     * @throws IllegalStateException    no preferred provider initialised (the message lists each refusal)
     */
    public static Backbone open(Path onnx, BackboneOptions options) {
        // the protobuf is read first so that a wrong file gets one clear message, not one refusal per provider
        BackboneSignature signature = BackboneSignature.of(OnnxProtos.readModel(onnx), onnx);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<String> refusals = new ArrayList<>();
        for (String provider : options.providerPreference()) {
            try {
                OrtSession session = createSession(env, onnx, provider, options);
                LOG.info(() -> "backbone " + onnx.getFileName() + " runs on " + provider
                        + (refusals.isEmpty() ? "" : " (refused: " + refusals + ")"));
                return new Backbone(session, signature, provider, refusals);
            } catch (OrtException | RuntimeException e) {
                String reason = provider + ": " + firstLine(e);
                refusals.add(reason);
                LOG.warning("execution provider refused: " + reason);
            }
        }
        throw new IllegalStateException("no execution provider could run " + onnx + "; tried " + options.providerPreference()
                + ": " + refusals + " (add cpu to the preference, or check the GPU runtime libraries)");
    }

    /** {@link #open(Path, BackboneOptions)} with {@link BackboneOptions#defaults()}. */
    public static Backbone open(Path onnx) {
        return open(onnx, BackboneOptions.defaults());
    }

    private static OrtSession createSession(OrtEnvironment env, Path onnx, String provider, BackboneOptions o) throws OrtException {
        // ONNX Runtime copies the options into the session, so they live only as long as the creation
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (o.intraOpThreads() > 0) so.setIntraOpNumThreads(o.intraOpThreads());
            switch (provider) {
                case "tensorrt" -> {
                    try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(0)) {
                        if (o.tensorRtCacheDir() != null) {
                            createDirectories(o.tensorRtCacheDir());
                            trt.add("trt_engine_cache_enable", "1");
                            trt.add("trt_engine_cache_path", o.tensorRtCacheDir().toAbsolutePath().toString());
                        }
                        trt.add("trt_fp16_enable", o.fp16() ? "1" : "0");
                        trt.add("trt_int8_enable", o.int8() ? "1" : "0");
                        so.addTensorrt(trt);
                        return env.createSession(onnx.toString(), so);
                    }
                }
                case "cuda" -> so.addCUDA(0);
                case "cpu" -> { /* the default provider */ }
                default -> throw new IllegalArgumentException("unknown execution provider " + provider);
            }
            return env.createSession(onnx.toString(), so);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the TensorRT engine cache folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Runs a batch of crops in one call.
     *
     * @param chwCrops each 3 x S x S floats in (channel, row, column) order, already normalised
     */
    public BackboneOutput run(float[]... chwCrops) {
        if (closed) throw new IllegalStateException("backbone is closed: open it again to run crops");
        int s = signature.inputSize();
        int cropLength = 3 * s * s;
        if (chwCrops == null || chwCrops.length == 0) {
            throw new IllegalArgumentException("no crops given: pass at least one 3x" + s + "x" + s + " crop");
        }
        FloatBuffer batch = FloatBuffer.allocate(chwCrops.length * cropLength);
        for (int i = 0; i < chwCrops.length; i++) {
            if (chwCrops[i] == null || chwCrops[i].length != cropLength) {
                throw new IllegalArgumentException("crop " + i + " has " + (chwCrops[i] == null ? "no" : chwCrops[i].length)
                        + " floats; this backbone takes 3x" + s + "x" + s + " = " + cropLength
                        + " (channel-major, normalised; resize the crop to " + s + "x" + s + ")");
            }
            batch.put(chwCrops[i]);
        }
        batch.flip();
        int n = chwCrops.length;
        int c = signature.featureDim();
        int[] m = signature.mapShape();
        try (OnnxTensor input = OnnxTensor.createTensor(env, batch, new long[]{n, 3, s, s});
             OrtSession.Result result = session.run(Map.of(signature.inputName(), input))) {
            float[][] features = rows(result, BackboneSignature.FEATURES, n, c);
            float[][] maps = rows(result, BackboneSignature.MAP, n, m[0] * m[1] * m[2]);
            return new BackboneOutput(features, maps, m[0], m[1], m[2], provider);
        } catch (OrtException e) {
            throw new IllegalStateException("backbone run failed on " + provider + " for a batch of " + n + ": " + e.getMessage(), e);
        }
    }

    private static float[][] rows(OrtSession.Result result, String name, int n, int width) {
        OnnxTensor tensor = (OnnxTensor) result.get(name)
                .orElseThrow(() -> new IllegalStateException("backbone returned no '" + name + "' output"));
        FloatBuffer values = tensor.getFloatBuffer();
        if (values == null || values.remaining() != (long) n * width) {
            throw new IllegalStateException("backbone output '" + name + "' has shape "
                    + java.util.Arrays.toString(tensor.getInfo().getShape()) + ", expected " + n + " rows of " + width + " floats");
        }
        float[][] out = new float[n][width];
        for (float[] row : out) values.get(row);
        return out;
    }

    /** The execution provider that initialised: tensorrt, cuda or cpu. */
    public String provider() {
        return provider;
    }

    /** The providers tried before it and why each refused, as "provider: reason". */
    public List<String> refusals() {
        return refusals;
    }

    public int inputSize() {
        return signature.inputSize();
    }

    public int featureDim() {
        return signature.featureDim();
    }

    /** Shape of one map: channels, height, width. */
    public int[] mapShape() {
        return signature.mapShape().clone();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the backbone session failed: " + e.getMessage(), e);
        }
    }
}
