package org.eusedge.inference;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How to open a backbone session.
 *
 * @param providerPreference execution providers to try in order, from {@code tensorrt}, {@code cuda}, {@code cpu};
 *                           the first that initialises is used
 * @param intraOpThreads     ONNX Runtime intra-op threads; 0 keeps ONNX Runtime's default (one per core)
 * @param tensorRtCacheDir   folder for TensorRT's engine cache (so a restart does not rebuild engines); null: no cache
 * @param fp16               let TensorRT build FP16 kernels
 * @param int8               let TensorRT build INT8 kernels (needs a QDQ graph or a calibration table)
 */
public record BackboneOptions(List<String> providerPreference, int intraOpThreads, Path tensorRtCacheDir, boolean fp16, boolean int8) {
    public static final Set<String> KNOWN_PROVIDERS = Set.of("tensorrt", "cuda", "cpu");

    public BackboneOptions {
        if (providerPreference == null || providerPreference.isEmpty()) {
            throw new IllegalArgumentException("providerPreference is empty: list at least one of " + KNOWN_PROVIDERS + " (e.g. [cpu])");
        }
        for (String p : providerPreference) {
            if (!KNOWN_PROVIDERS.contains(p)) {
                throw new IllegalArgumentException("unknown execution provider '" + p + "': use tensorrt, cuda or cpu");
            }
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads is " + intraOpThreads + ": use 0 for ONNX Runtime's default or a positive count");
        }
        providerPreference = List.copyOf(providerPreference);
    }

    /** TensorRT, then CUDA, then CPU; ONNX Runtime's thread default; no engine cache; FP32. */
    public static BackboneOptions defaults() {
        return new BackboneOptions(List.of("tensorrt", "cuda", "cpu"), 0, null, false, false);
    }

    public BackboneOptions withProviders(List<String> providers) {
        return new BackboneOptions(providers, intraOpThreads, tensorRtCacheDir, fp16, int8);
    }

    public BackboneOptions withIntraOpThreads(int threads) {
        return new BackboneOptions(providerPreference, threads, tensorRtCacheDir, fp16, int8);
    }
}
