package org.eusedge.cli;

import org.eusedge.imaging.CropSpec;
import org.eusedge.model.BundleJson;
import org.eusedge.training.ColumnMapping;
import org.eusedge.training.DemoBundle;
import org.eusedge.training.Trainer;
import org.eusedge.training.TrainingSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model bundle from a cohort manifest (images + ROI masks or polygons + clinical columns) "
                + "or from a precomputed feature table.")
final class TrainCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--cohort", description = "cohort manifest CSV (paths relative to it)") Path cohort;
        @Option(names = "--features", description = "precomputed feature table CSV (label, split, clinical columns, f0..fN)") Path features;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Source source;

    @Option(names = "--mapping", defaultValue = "default",
            description = "column mapping: built-in 'default' or 'breast-lesions-usg', or a JSON file (default: ${DEFAULT-VALUE})")
    String mapping;

    @Option(names = "--out", required = true, description = "bundle folder to write") Path out;

    @Option(names = "--backbone", description = "backbone ONNX with outputs features and layer4 "
            + "(default: the project's own ResNet18, seeded He weights, not pretrained)") Path backbone;

    @Option(names = "--name", defaultValue = "eus-model", description = "model name, the first part of its id") String name;

    @Option(names = "--seed", defaultValue = "0", description = "seed of every random step (default: ${DEFAULT-VALUE})") long seed;

    @Option(names = "--threshold-rule", defaultValue = TrainingSettings.YOUDEN_TRAIN,
            description = "decision threshold: youden-train or 0.5 (default: ${DEFAULT-VALUE})") String thresholdRule;

    @Option(names = "--crop-mode", defaultValue = "BOUNDING_BOX", description = "BOUNDING_BOX or MASKED (default: ${DEFAULT-VALUE})")
    CropSpec.Mode cropMode;

    @Option(names = "--learner", description = "take this learner as the signatures' learner instead of the best mean CV AUC "
            + "(SVM, LR, RandomForest, ExtraTrees, KNN, MLP, XGBoost, LightGBM)") String learner;

    @Option(names = "--learners", split = ",", description = "compare only these learners (default: all eight)")
    java.util.List<String> learners;

    @Option(names = "--no-progress", description = "no progress bar") boolean noProgress;

    @Mixin BackboneFlags backboneFlags;

    @Override
    public Integer call() {
        Path onnx = backbone;
        String backboneSource;
        if (source.cohort != null && !java.nio.file.Files.isRegularFile(source.cohort)) {
            throw new IllegalArgumentException("cohort manifest " + source.cohort + " does not exist");
        }
        if (onnx == null && source.cohort != null) {
            onnx = DemoBundle.projectResNet18(Home.cacheDir(), 0);
            backboneSource = "project ResNet18, seed 0 (He-initialised, not pretrained)";
        } else {
            backboneSource = onnx == null ? null : onnx.getFileName().toString();
        }
        CropSpec d = CropSpec.defaults();
        CropSpec crop = new CropSpec(cropMode, d.marginFraction(), d.inputSize(), d.mean(), d.std());
        TrainingSettings s = TrainingSettings.defaults().withSeed(seed);
        s = s.withThresholdRule(thresholdRule).withLearners(learners == null ? s.learners() : learners, learner);
        var outcome = Trainer.train(new Trainer.Request(source.cohort, ColumnMapping.resolve(mapping), source.features,
                onnx, backboneSource, crop, backboneFlags.options(), s, out, name, !noProgress), System.err::println);
        var summary = BundleJson.MAPPER.createObjectNode();
        summary.put("bundle", out.toString());
        summary.put("model_id", outcome.bundle().modelId());
        summary.put("model_hash", outcome.bundle().modelHash());
        summary.set("metrics", outcome.bundle().provenance().get("metrics"));
        summary.set("timings_seconds", BundleJson.MAPPER.valueToTree(outcome.timingsSeconds()));
        System.out.println(summary.toPrettyString());
        return 0;
    }
}
