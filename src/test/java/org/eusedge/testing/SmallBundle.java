package org.eusedge.testing;

import org.eusedge.imaging.CropSpec;
import org.eusedge.imaging.sim.SyntheticCohort;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Bundle;
import org.eusedge.training.ColumnMapping;
import org.eusedge.training.Cohort;
import org.eusedge.training.DemoBundle;
import org.eusedge.training.Trainer;
import org.eusedge.training.TrainingSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One small real bundle per test JVM: 80 synthetic EUS cases through the project's ResNet18 on ONNX Runtime,
 * trained by the real trainer. Shared by the test classes that need a bundle able to score images.
 */
public final class SmallBundle {
    private static Path dir;
    private static Bundle bundle;
    private static Cohort cohort;

    private SmallBundle() {}

    public static synchronized Bundle bundle() {
        if (bundle == null) build();
        return bundle;
    }

    public static synchronized Cohort cohort() {
        if (bundle == null) build();
        return cohort;
    }

    public static synchronized Path backbone() {
        if (bundle == null) build();
        return DemoBundle.projectResNet18(dir.resolve("cache"), 0);
    }

    private static void build() {
        try {
            dir = Files.createTempDirectory("eus-small-bundle");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path manifest = SyntheticCohort.write(dir.resolve("cohort"), 80, 3);
        cohort = Cohort.read(manifest, ColumnMapping.resolve("default"));
        Path backbone = DemoBundle.projectResNet18(dir.resolve("cache"), 0);
        bundle = Trainer.train(new Trainer.Request(manifest, ColumnMapping.resolve("default"), null, backbone,
                "project ResNet18 seed 0", CropSpec.defaults(), BackboneOptions.defaults(), TrainingSettings.defaults(),
                dir.resolve("bundle"), "small", false), s -> { }).bundle();
    }
}
