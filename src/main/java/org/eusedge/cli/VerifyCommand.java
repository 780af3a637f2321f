package org.eusedge.cli;

import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Bundle;
import org.eusedge.model.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a bundle: every file's SHA-256, the pipeline JSON, and that its backbone matches the pipeline.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BUNDLE") Path bundle;

    @Override
    public Integer call() {
        Bundle b = Bundle.load(bundle);
        if (b.backbonePath().isPresent()) {
            try (Scorer s = Scorer.open(b, BackboneOptions.defaults())) {
                System.out.println("backbone matches the pipeline (" + s.provider() + ")");
            }
        }
        System.out.println("ok " + b.modelId() + " " + b.modelHash());
        return 0;
    }
}
