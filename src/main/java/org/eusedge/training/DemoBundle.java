package org.eusedge.training;

import com.fasterxml.jackson.databind.JsonNode;
import org.eusedge.imaging.CropSpec;
import org.eusedge.imaging.sim.SyntheticCohort;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.inference.ResNet18Graph;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleException;
import org.eusedge.model.BundleJson;
import org.eusedge.training.learners.Learners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * The embedded default model: the project's own ResNet18 (seeded, not pretrained) trained on the simulator's
 * synthetic cohort (266 cases, the study's class sizes). Generated on first use into the cache and reused; every step
 * is seeded, so any machine makes the same bundle. Synthetic: for demos and tests, never for patients.
 */
public final class DemoBundle {
    public static final long BACKBONE_SEED = 0;
    public static final long COHORT_SEED = 1;
    public static final int COHORT_SIZE = 266;
    /**
     * The study's learner, SVM, named rather than picked by CV: its exact Grad-CAM gradient and fast SHAP path keep the
     * explanations inside the cart's budget (a tree learner falls back to occlusion maps, seconds per scoring). The
     * report still compares all eight.
     */
    static final TrainingSettings DEMO_SETTINGS = TrainingSettings.defaults().withLearners(Learners.ORDER, "SVM");

    private DemoBundle() {}

    public static synchronized Bundle ensure(Path cache, Consumer<String> log) {
        Path dir = cache.resolve("demo").resolve("bundle");
        if (Files.isRegularFile(dir.resolve(Bundle.MANIFEST))) {
            try {
                Bundle cached = Bundle.load(dir);
                // compare as parsed JSON on both sides: a value read back from a file and one converted in memory can
                // differ in node type (an int read back, a long written) while meaning the same settings
                JsonNode wanted = BundleJson.MAPPER.readTree(BundleJson.MAPPER.writeValueAsString(DEMO_SETTINGS));
                if (cached.provenance().get("settings").equals(wanted)) return cached;
                log.accept("cached demo bundle was trained with other settings: rebuilding it");
            } catch (BundleException | IOException e) {
                log.accept("cached demo bundle is unusable (" + e.getMessage() + "): rebuilding it");
            }
        }
        Path cohortDir = cache.resolve("demo").resolve("cohort");
        Path manifest = cohortDir.resolve("manifest.csv");
        if (!Files.isRegularFile(manifest)) {
            log.accept("writing the synthetic demo cohort (" + COHORT_SIZE + " cases) to " + cohortDir);
            SyntheticCohort.write(cohortDir, COHORT_SIZE, COHORT_SEED);
        }
        Path backbone = projectResNet18(cache, BACKBONE_SEED);
        log.accept("training the demo bundle into " + dir);
        return Trainer.train(new Trainer.Request(manifest, ColumnMapping.resolve("default"), null, backbone,
                "project ResNet18, seed " + BACKBONE_SEED + " (He-initialised, not pretrained)", CropSpec.defaults(),
                BackboneOptions.defaults(), DEMO_SETTINGS, dir, "demo-synthetic", false), log).bundle();
    }

    /** The project's own ResNet18 graph, generated once per seed and cached (never committed, never downloaded). */
    public static synchronized Path projectResNet18(Path cache, long seed) {
        Path file = cache.resolve("backbones").resolve("resnet18-seed" + seed + ".onnx");
        if (!Files.isRegularFile(file)) {
            try {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "resnet18", ".part");
                ResNet18Graph.write(tmp, seed);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the ResNet18 backbone to " + file, e);
            }
        }
        return file;
    }
}
