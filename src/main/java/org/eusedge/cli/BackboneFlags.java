package org.eusedge.cli;

import org.eusedge.inference.BackboneOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Execution-provider options shared by the commands that run a backbone. */
final class BackboneFlags {
    @Option(names = "--providers", split = ",", description = "execution providers in order of preference (default: tensorrt,cuda,cpu)")
    List<String> providers;

    @Option(names = "--threads", description = "intra-op threads (0 = ONNX Runtime's default)")
    int threads;

    @Option(names = "--trt-cache", description = "TensorRT engine-cache folder")
    Path trtCache;

    @Option(names = "--fp16", description = "allow FP16 in TensorRT")
    boolean fp16;

    @Option(names = "--precision", defaultValue = "AUTO",
            description = "backbone graph: AUTO (INT8 when the bundle marks it ready), FP32 or INT8 (default: ${DEFAULT-VALUE})")
    org.eusedge.model.Scorer.Precision precision;

    BackboneOptions options() {
        BackboneOptions d = BackboneOptions.defaults();
        return new BackboneOptions(providers == null ? d.providerPreference() : providers, threads, trtCache, fp16, d.int8());
    }
}
