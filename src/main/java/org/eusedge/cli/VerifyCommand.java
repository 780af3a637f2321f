package org.eusedge.cli;

import org.eusedge.model.Bundle;
import org.eusedge.model.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a bundle: every file's SHA-256, the pipeline JSON, and that its backbone matches the pipeline "
                + "(with --providers tensorrt and --trt-cache, this also builds and caches the TensorRT engine).")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BUNDLE") Path bundle;
    @picocli.CommandLine.Mixin BackboneFlags backboneFlags;

    @Override
    public Integer call() {
        Bundle b = Bundle.load(bundle);
        if (b.backbonePath().isPresent()) {
            try (Scorer s = Scorer.open(b, backboneFlags.options(), backboneFlags.precision)) {
                double first = s.warmUp();
                double second = s.warmUp();
                System.out.printf(java.util.Locale.ROOT, "backbone (%s) matches the pipeline; runs on %s; first run %.1f ms, second %.1f ms%n",
                        s.precision(), s.provider(), first, second);
            }
        }
        System.out.println("ok " + b.modelId() + " " + b.modelHash());
        return 0;
    }
}
