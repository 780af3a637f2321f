package org.eusedge.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.imaging.CropSpec;
import org.eusedge.inference.Backbone;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleJson;
import org.eusedge.model.ClinicalSchema;
import org.eusedge.model.ClinicalVariable;
import org.eusedge.model.Pipeline;
import org.eusedge.report.TrainingReport;
import org.eusedge.stats.LogisticFit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * `eus-edge train`: cohort -> features (same crop and backbone as the appliance) -> the method fitted on the training
 * split -> a sealed bundle, and beside it the evaluation report (report.html, results.json and CSVs, not sealed:
 * evidence derived from the bundle, re-rendered by `eus-edge report`). Also accepts a precomputed feature table (then the bundle has no backbone unless one is
 * given, and can score feature rows but not images).
 */
public final class Trainer {

    /** What to train from. Exactly one of {@code manifest} and {@code featureTable} is set. */
    public record Request(Path manifest, ColumnMapping mapping, Path featureTable, Path backbone, String backboneSource,
                          CropSpec crop, BackboneOptions backboneOptions, TrainingSettings settings, Path out,
                          String name, boolean progress) {}

    public record Outcome(Bundle bundle, FittedModel fitted, Map<String, Double> timingsSeconds) {}

    private Trainer() {}

    public static Outcome train(Request r, Consumer<String> log) {
        long t0 = System.nanoTime();
        FeatureTable table;
        String provider = null;
        int inputSize = r.crop().inputSize();
        int[] mapShape = null;
        ColumnMapping mapping = r.mapping() == null ? ColumnMapping.resolve("default") : r.mapping();
        Cohort cohort = null;
        if (r.manifest() != null) {
            cohort = Cohort.read(r.manifest(), mapping);
            log.accept("cohort: " + cohort.cases().size() + " cases from " + r.manifest().getFileName());
            try (Backbone backbone = Backbone.open(r.backbone(), r.backboneOptions())) {
                if (backbone.inputSize() != r.crop().inputSize()) {
                    throw new IllegalArgumentException("backbone takes " + backbone.inputSize() + " px input but the crop is "
                            + r.crop().inputSize() + " px");
                }
                provider = backbone.provider();
                mapShape = backbone.mapShape();
                log.accept("backbone: " + r.backbone().getFileName() + " on " + provider + ", " + backbone.featureDim() + " features");
                table = FeatureExtractor.extract(cohort, backbone, r.crop(), r.progress());
            }
        } else {
            List<String> clinicalColumns = mapping.clinical().stream().map(ColumnMapping.ClinicalColumn::name).toList();
            table = FeatureTable.readCsv(r.featureTable(), clinicalColumns);
            log.accept("feature table: " + table.size() + " cases, " + table.featureNames().size() + " features");
        }
        long t1 = System.nanoTime();
        String splitRule = "from the cohort's split column";
        if (table.splits().stream().anyMatch(s -> !s.equals("train") && !s.equals("test"))) {
            table = table.withSplits(StratifiedSplit.split(table.labels(), r.settings().testFraction(), r.settings().seed()));
            splitRule = "stratified " + Math.round((1 - r.settings().testFraction()) * 10) + ":"
                    + Math.round(r.settings().testFraction() * 10) + " split, seed " + r.settings().seed();
        }
        FittedModel fitted = ModelFitter.fit(table, r.settings(), log);
        long t2 = System.nanoTime();

        Pipeline.BackboneSpec backboneSpec = r.backbone() == null ? null : new Pipeline.BackboneSpec(
                BundleWriter.BACKBONE_FILE, "fp32", inputSize, table.featureNames().size(), mapShape, r.backboneSource(),
                null, false);
        Pipeline pipeline = new Pipeline(Pipeline.FORMAT, r.name(),
                new Pipeline.ClassLabels(mapping.positiveName(), mapping.negativeName()), backboneSpec, r.crop(),
                table.featureNames(), fitted.deep(), schemaFor(table.clinicalNames()), fitted.clinicalSignature(),
                fitted.nomogram(), new Pipeline.Threshold(fitted.threshold(), fitted.thresholdRule()), fitted.explanations());
        ObjectNode provenance = provenance(r, mapping, table, fitted, splitRule);
        ObjectNode run = BundleJson.MAPPER.createObjectNode();
        run.put("trained_at", Instant.now().toString());
        run.put("execution_provider", provider);
        run.put("features_seconds", (t1 - t0) / 1e9);
        run.put("fit_seconds", (t2 - t1) / 1e9);
        run.put("java", System.getProperty("java.version"));
        run.put("machine", System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        Bundle bundle = BundleWriter.write(r.out(), pipeline, provenance, fitted, r.backbone(), run);
        long t3 = System.nanoTime();
        log.accept("explanations and report");
        TrainingReport.write(fitted, TrainingReport.Options.of(r.name(), mapping.positiveName(), mapping.negativeName())
                .withLearners(List.of(), r.settings().learner())
                .withExplanations(TrainingExplanations.compute(bundle, fitted, cohort)), r.out());
        long t4 = System.nanoTime();
        Map<String, Double> seconds = new java.util.LinkedHashMap<>();
        seconds.put("features", (t1 - t0) / 1e9);
        seconds.put("fit", (t2 - t1) / 1e9);
        seconds.put("write", (t3 - t2) / 1e9);
        seconds.put("report", (t4 - t3) / 1e9);
        seconds.put("total", (t4 - t0) / 1e9);
        return new Outcome(bundle, fitted, seconds);
    }

    /** The project version (from the build), identical whether the code runs from the jar or from classes. */
    static String version() {
        try (var in = Trainer.class.getResourceAsStream("/eus-edge-version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The pancreas schema's variables that the cohort has; any other mapped name is a continuous variable. */
    static ClinicalSchema schemaFor(List<String> names) {
        ClinicalSchema all = ClinicalSchema.pancreas();
        return new ClinicalSchema(names.stream().map(n -> all.names().contains(n) ? all.variable(n)
                : ClinicalVariable.continuous(n, -1e9, 1e9, "", n)).toList());
    }

    private static ObjectNode provenance(Request r, ColumnMapping mapping, FeatureTable table, FittedModel f, String splitRule) {
        var m = BundleJson.MAPPER;
        ObjectNode p = m.createObjectNode();
        p.put("format", "eus-edge-provenance/1");
        ObjectNode sw = p.putObject("software");
        sw.put("eus_edge", version());
        sw.put("onnxruntime", "1.28.0");
        sw.put("libsvm", "3.35");
        sw.put("java_specification", System.getProperty("java.specification.version"));
        ObjectNode cohort = p.putObject("cohort");
        Path source = r.manifest() != null ? r.manifest() : r.featureTable();
        cohort.put("file", source.getFileName().toString());
        cohort.put("sha256", Bundle.sha256(source));
        cohort.put("kind", r.manifest() != null ? "image manifest" : "feature table");
        cohort.set("mapping", m.valueToTree(mapping));
        cohort.put("n", table.size());
        cohort.put("n_train", f.trainRows().length);
        cohort.put("n_test", f.testRows().length);
        cohort.put("n_positive_train", java.util.Arrays.stream(f.trainRows()).map(i -> table.labels()[i]).sum());
        cohort.put("n_positive_test", java.util.Arrays.stream(f.testRows()).map(i -> table.labels()[i]).sum());
        cohort.put("split", splitRule);
        if (r.backbone() != null) {
            ObjectNode b = p.putObject("backbone");
            b.put("source", r.backboneSource());
            b.put("sha256", Bundle.sha256(r.backbone()));
        }
        p.set("settings", m.valueToTree(r.settings()));
        p.set("crop", m.valueToTree(r.crop()));
        ObjectNode sel = p.putObject("selection");
        if (f.selection() != null) {
            sel.set("mwu_kept", m.valueToTree(f.selection().mwuKept()));
            sel.set("spearman_kept", m.valueToTree(f.selection().spearmanKept()));
            sel.set("lasso_kept", m.valueToTree(f.selection().lassoKept()));
            sel.put("lasso_alpha", f.selection().lasso().alpha());
            sel.set("model_features", m.valueToTree(f.selection().modelFeatures()));
            sel.put("model_features_source", f.selection().modelFeaturesSource().toString());
        } else {
            sel.put("note", "no deep feature passed Mann-Whitney p < 0.05; no deep signature");
        }
        ObjectNode clin = p.putObject("clinical");
        ObjectNode uni = clin.putObject("univariable");
        f.clinicalSelection().univariable().forEach((name, fit) -> uni.set(name, fitJson(fit, name)));
        clin.set("univariable_significant", m.valueToTree(f.clinicalSelection().univariableSignificant()));
        clin.set("multivariable_significant", m.valueToTree(f.clinicalSelection().multivariableSignificant()));
        clin.set("signature_vars", m.valueToTree(f.clinicalSelection().signatureVars()));
        clin.put("signature_rule", f.clinicalSelection().signatureRule());
        clin.set("imputation", m.valueToTree(f.imputation().summary()));
        p.set("metrics", m.valueToTree(f.signatureMetrics()));
        ObjectNode th = p.putObject("threshold");
        th.put("value", f.threshold());
        th.put("rule", f.thresholdRule());
        return p;
    }

    private static ObjectNode fitJson(LogisticFit fit, String name) {
        ObjectNode o = BundleJson.MAPPER.createObjectNode();
        if (fit instanceof LogisticFit.Fitted ok) {
            LogisticFit.Term t = ok.term(name);
            o.put("coef", t.coef());
            o.put("p", t.p());
            o.put("or", t.or());
            o.put("or_ci_low", t.orCiLow());
            o.put("or_ci_high", t.orCiHigh());
        } else if (fit instanceof LogisticFit.Failed failed) {
            o.put("error", failed.reason());
        }
        return o;
    }
}
