package org.eusedge.training;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVRecord;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.LesionCrop;
import org.eusedge.inference.Backbone;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.inference.quant.Calibration;
import org.eusedge.inference.quant.CalibrationCollector;
import org.eusedge.inference.quant.CalibrationMethod;
import org.eusedge.inference.quant.QdqQuantizer;
import org.eusedge.inference.quant.QuantFidelity;
import org.eusedge.inference.quant.QuantOptions;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleException;
import org.eusedge.model.BundleJson;
import org.eusedge.model.Pipeline;
import org.eusedge.stats.Auc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * `eus-edge model quantize`: adds a static INT8 backbone to a bundle, calibrated on the site's own lesion crops (a
 * subset of the training cases, through the same crop code) and checked on the test cases, which calibration never
 * saw: pooled-feature error, the largest change of the final probability, and the change of test AUC. Without explicit
 * settings it tries progressively more conservative ones (see {@link #AUTO_CANDIDATES}). Only a graph
 * within every gate is marked INT8-ready (the appliance then runs it); {@code force} marks it anyway, with a warning.
 */
public final class BundleQuantizer {

    /** Fidelity limits; defaults: median relative feature error 2 %, maximum 5 %, |dp| 0.05, |dAUC| 0.01. */
    public record Gates(double medianRelativeError, double maxRelativeError, double maxProbabilityChange, double maxAucChange) {
        public static Gates defaults() {
            return new Gates(0.02, 0.05, 0.05, 0.01);
        }
    }

    /** {@code quant} = null: try {@link #AUTO_CANDIDATES} in order and keep the first that passes every gate. */
    public record Options(QuantOptions quant, int calibrationCases, long seed, Gates gates, boolean force) {
        public static Options defaults() {
            return new Options(null, 50, 0, Gates.defaults(), false);
        }
    }

    public record Report(QuantFidelity fidelity, double maxProbabilityChange, double aucFp32, double aucInt8,
                         int calibrationCases, int heldOutCases, List<String> failedGates, boolean int8Ready,
                         Map<String, String> settings, List<String> attempts) {
        Report withAttempts(List<String> a) {
            return new Report(fidelity, maxProbabilityChange, aucFp32, aucInt8, calibrationCases, heldOutCases,
                    failedGates, int8Ready, settings, List.copyOf(a));
        }
    }

    public static final String INT8_FILE = "backbone-int8.onnx";

    private BundleQuantizer() {}

    public static Report quantize(Bundle bundle, Cohort cohort, Options o, Path out, Consumer<String> log) {
        Pipeline p = bundle.pipeline();
        Path fp32Path = bundle.backbonePath().orElseThrow(() -> new BundleException(
                "model bundle " + bundle.dir() + " has no backbone to quantize"));
        Map<String, CSVRecord> cases = BundleWriter.readCases(bundle);
        List<Cohort.Case> train = new ArrayList<>(), test = new ArrayList<>();
        for (Cohort.Case c : cohort.cases()) {
            CSVRecord rec = cases.get(c.id());
            if (rec == null) continue;
            ("train".equals(rec.get("split")) ? train : test).add(c);
        }
        if (train.size() < 10 || test.size() < 10) {
            throw new IllegalArgumentException("the cohort matches " + train.size() + " training and " + test.size()
                    + " test cases of this bundle; quantization needs at least 10 of each: give the manifest the bundle was trained on");
        }
        Collections.shuffle(train, new Random(o.seed()));
        List<Cohort.Case> calibrationCases = train.subList(0, Math.min(o.calibrationCases(), train.size()));
        try {
            byte[] fp32 = Files.readAllBytes(fp32Path);
            log.accept("calibrating on " + calibrationCases.size() + " training crops");
            Calibration calibration = new CalibrationCollector().collect(fp32, crops(calibrationCases, p));
            float[][] heldOut = crops(test, p);
            int[] y = test.stream().mapToInt(Cohort.Case::label).toArray();
            double[] p32 = probabilities(fp32Path, heldOut, test, cases, p);
            List<QuantOptions> candidates = o.quant() != null ? List.of(o.quant()) : AUTO_CANDIDATES;
            Report report = null;
            byte[] int8 = null;
            List<String> attempts = new ArrayList<>();
            for (QuantOptions q : candidates) {
                int8 = QdqQuantizer.quantize(fp32, calibration, q);
                report = evaluate(fp32, int8, calibration, q, heldOut, y, p32, test, cases, p, o, calibrationCases.size());
                attempts.add(describe(q) + ": " + (report.failedGates().isEmpty() ? "passed" : String.join("; ", report.failedGates())));
                log.accept("INT8 " + attempts.get(attempts.size() - 1));
                if (report.failedGates().isEmpty()) break;
            }
            if (!report.failedGates().isEmpty()) {
                log.accept((o.force() ? "WARNING: marking INT8-ready despite failed gates (--force): " : "NOT INT8-ready: ")
                        + String.join("; ", report.failedGates()));
            }
            report = report.withAttempts(attempts);
            write(bundle, int8, report, o, out);
            return report;
        } catch (IOException | OrtException e) {
            throw new BundleException("quantization failed: " + e.getMessage(), e);
        }
    }

    /**
     * Without explicit settings, the command tries these in order and keeps the first within every gate: everything
     * INT8 with MinMax ranges, then with percentile ranges (outliers clipped), then the first convolution left in
     * float, then the last stage (layer4) left in float, the parts whose precision matters most.
     */
    static final List<QuantOptions> AUTO_CANDIDATES = List.of(
            QuantOptions.defaults(),
            QuantOptions.defaults().withCalibration(CalibrationMethod.PERCENTILE, 99.999),
            QuantOptions.defaults().withCalibration(CalibrationMethod.PERCENTILE, 99.999).withKeepFirstConvFloat(true),
            QuantOptions.defaults().withCalibration(CalibrationMethod.PERCENTILE, 99.999).withKeepLastBlockFloat(true));

    private static Report evaluate(byte[] fp32, byte[] int8, Calibration calibration, QuantOptions q, float[][] heldOut,
                                   int[] y, double[] p32, List<Cohort.Case> test, Map<String, CSVRecord> cases,
                                   Pipeline p, Options o, int nCalibration) throws IOException, OrtException {
        Path int8Tmp = Files.createTempFile("eus-int8", ".onnx");
        double[] p8;
        try {
            Files.write(int8Tmp, int8);
            p8 = probabilities(int8Tmp, heldOut, test, cases, p);
        } finally {
            Files.deleteIfExists(int8Tmp);
        }
        QuantFidelity fidelity = QuantFidelity.measure(fp32, int8, heldOut, calibration);
        double maxDp = 0;
        for (int i = 0; i < p32.length; i++) maxDp = Math.max(maxDp, Math.abs(p32[i] - p8[i]));
        double auc32 = Auc.of(p32, y), auc8 = Auc.of(p8, y);
        List<String> failed = new ArrayList<>();
        Gates g = o.gates();
        if (fidelity.medianRelativeError() > g.medianRelativeError()) failed.add("median relative feature error "
                + pct(fidelity.medianRelativeError()) + " > " + pct(g.medianRelativeError()));
        if (fidelity.maxRelativeError() > g.maxRelativeError()) failed.add("maximum relative feature error "
                + pct(fidelity.maxRelativeError()) + " > " + pct(g.maxRelativeError()));
        if (maxDp > g.maxProbabilityChange()) failed.add("largest probability change " + round(maxDp) + " > " + g.maxProbabilityChange());
        if (Math.abs(auc8 - auc32) > g.maxAucChange()) failed.add("test AUC change " + round(auc8 - auc32) + " beyond ±" + g.maxAucChange());
        return new Report(fidelity, maxDp, auc32, auc8, nCalibration, heldOut.length, failed,
                failed.isEmpty() || o.force(), q.provenance(calibration), List.of());
    }

    private static String describe(QuantOptions q) {
        return q.calibrationMethod() + (q.calibrationMethod() == CalibrationMethod.PERCENTILE ? " " + q.percentile() : "")
                + (q.keepFirstConvFloat() ? ", first conv float" : "") + (q.keepLastBlockFloat() ? ", last block float" : "");
    }

    private static double[] probabilities(Path onnx, float[][] crops, List<Cohort.Case> test, Map<String, CSVRecord> cases,
                                          Pipeline p) {
        try (Backbone b = Backbone.open(onnx, BackboneOptions.defaults().withProviders(List.of("cpu")))) {
            double[] out = new double[crops.length];
            for (int i = 0; i < crops.length; i++) {
                float[] pooled = b.run(new float[][] {crops[i]}).features()[0];
                double dl = p.deepSignature() == null ? Double.NaN : p.deepSignature().score(pooled);
                double clin = Double.parseDouble(cases.get(test.get(i).id()).get("clinic_sig"));
                out[i] = p.nomogram().probability(p.signatures(dl, clin));
            }
            return out;
        }
    }

    private static float[][] crops(List<Cohort.Case> cs, Pipeline p) {
        float[][] out = new float[cs.size()][];
        for (int i = 0; i < out.length; i++) {
            Cohort.Case c = cs.get(i);
            out[i] = LesionCrop.crop(GreyImage.read(c.image()), c.roi(), p.crop()).chw();
        }
        return out;
    }

    private static void write(Bundle bundle, byte[] int8, Report r, Options o, Path out) throws IOException {
        Files.createDirectories(out);
        if (!out.toAbsolutePath().normalize().equals(bundle.dir().toAbsolutePath().normalize())) {
            for (String f : bundle.sealedFiles()) Files.copy(bundle.dir().resolve(f), out.resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.write(out.resolve(INT8_FILE), int8);
        Pipeline p = bundle.pipeline();
        BundleJson.MAPPER.writeValue(out.resolve(Bundle.PIPELINE).toFile(),
                p.withBackbone(p.backbone().withInt8(INT8_FILE, r.int8Ready())));
        ObjectNode prov = (ObjectNode) bundle.provenance().deepCopy();
        ObjectNode q = prov.putObject("quantization");
        q.set("settings", BundleJson.MAPPER.valueToTree(r.settings()));
        q.put("calibration_cases", r.calibrationCases());
        q.put("held_out_cases", r.heldOutCases());
        q.put("seed", o.seed());
        q.set("fidelity", BundleJson.MAPPER.valueToTree(r.fidelity()));
        q.put("max_probability_change", r.maxProbabilityChange());
        q.put("auc_test_fp32", r.aucFp32());
        q.put("auc_test_int8", r.aucInt8());
        q.set("gates", BundleJson.MAPPER.valueToTree(o.gates()));
        q.set("failed_gates", BundleJson.MAPPER.valueToTree(r.failedGates()));
        q.set("attempts", BundleJson.MAPPER.valueToTree(r.attempts()));
        q.put("int8_ready", r.int8Ready());
        q.put("forced", o.force() && !r.failedGates().isEmpty());
        BundleJson.MAPPER.writeValue(out.resolve(Bundle.PROVENANCE).toFile(), prov);
        List<String> sealed = new ArrayList<>(bundle.sealedFiles());
        if (!sealed.contains(INT8_FILE)) sealed.add(INT8_FILE);
        Bundle.seal(out, sealed);
    }


    private static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
