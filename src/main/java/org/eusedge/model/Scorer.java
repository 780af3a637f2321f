package org.eusedge.model;

import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.LesionCrop;
import org.eusedge.imaging.Roi;
import org.eusedge.inference.Backbone;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.inference.BackboneOutput;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores a frozen frame: ROI crop -> backbone -> deep signature; clinical inputs -> clinical signature; both ->
 * nomogram. The trainer computes its per-case probabilities through {@link #scoreFeatures}, so the cart and the
 * validation report share every number after the backbone.
 */
public final class Scorer implements AutoCloseable {
    private final Bundle bundle;
    private final Pipeline pipeline;
    private final Backbone backbone;

    private final String precision;

    private Scorer(Bundle bundle, Backbone backbone, String precision) {
        this.bundle = bundle;
        this.pipeline = bundle.pipeline();
        this.backbone = backbone;
        this.precision = precision;
    }

    /** "fp32" or "int8": the backbone graph this scorer runs. */
    public String precision() {
        return precision;
    }

    /** Which backbone graph of the bundle to run: AUTO takes the INT8 one when the bundle marks it ready. */
    public enum Precision { AUTO, FP32, INT8 }

    public static Scorer open(Bundle bundle, BackboneOptions options) {
        return open(bundle, options, Precision.AUTO);
    }

    public static Scorer open(Bundle bundle, BackboneOptions options, Precision precision) {
        Path fp32 = bundle.backbonePath().orElseThrow(() -> new BundleException("model bundle " + bundle.dir()
                + " was trained from a feature table and has no backbone: it cannot score images"));
        Path onnx = switch (precision) {
            case FP32 -> fp32;
            case AUTO -> bundle.int8BackbonePath().orElse(fp32);
            case INT8 -> bundle.int8BackbonePath().orElseThrow(() -> new BundleException("model bundle " + bundle.dir()
                    + " has no INT8 backbone that passed its fidelity gates: run `eus-edge model quantize` or use fp32"));
        };
        Backbone backbone = Backbone.open(onnx, options);
        try {
            checkBackbone(bundle.pipeline(), backbone);
        } catch (RuntimeException e) {
            backbone.close();
            throw e;
        }
        return new Scorer(bundle, backbone, onnx.equals(fp32) ? "fp32" : "int8");
    }

    static void checkBackbone(Pipeline p, Backbone b) {
        Pipeline.BackboneSpec spec = p.backbone();
        if (b.featureDim() != p.featureNames().size() || b.featureDim() != spec.featureDim()) {
            throw new BundleException("backbone gives " + b.featureDim() + " pooled features but the pipeline was trained on "
                    + p.featureNames().size() + ": the bundle's backbone does not match its pipeline");
        }
        if (b.inputSize() != p.crop().inputSize() || b.inputSize() != spec.inputSize()) {
            throw new BundleException("backbone takes " + b.inputSize() + " px crops but the pipeline crops to "
                    + p.crop().inputSize() + " px: the bundle's backbone does not match its pipeline");
        }
        if (!Arrays.equals(b.mapShape(), spec.mapShape())) {
            throw new BundleException("backbone map shape " + Arrays.toString(b.mapShape()) + " differs from the pipeline's "
                    + Arrays.toString(spec.mapShape()));
        }
    }

    public Bundle bundle() {
        return bundle;
    }

    public String provider() {
        return backbone.provider();
    }

    /** The full path for one frozen frame. Validates the ROI and the clinical inputs before any inference. */
    public Scoring score(GreyImage frame, Roi roi, Map<String, ?> clinical) {
        long t0 = System.nanoTime();
        double[] clinicalValues = pipeline.clinicalSchema().values(clinical, pipeline.clinicalSignature().variables());
        LesionCrop.Result crop = LesionCrop.crop(frame, roi, pipeline.crop());
        long t1 = System.nanoTime();
        BackboneOutput out = backbone.run(new float[][] {crop.chw()});
        long t2 = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("crop", ms(t1 - t0));
        timings.put("backbone", ms(t2 - t1));
        Prediction prediction = scoreFeatures(out.features()[0], clinicalValues, crop, timings, out.provider());
        timings.put("total", ms(System.nanoTime() - t0));
        return new Scoring(prediction, crop, out);
    }

    /** Everything after the backbone; {@code timings} receives the "scoring" stage. */
    public Prediction scoreFeatures(float[] pooled, double[] clinicalValues, LesionCrop.Result crop,
                                    Map<String, Double> timings, String provider) {
        long t0 = System.nanoTime();
        Pipeline p = pipeline;
        double dl = p.deepSignature() == null ? Double.NaN : p.deepSignature().score(pooled);
        double clin = p.clinicalSignature().score(clinicalValues);
        double[] sig = p.signatures(dl, clin);
        double[] points = p.nomogram().points(sig);
        double prob = p.nomogram().probability(sig);
        Map<String, Double> pointsByName = new LinkedHashMap<>();
        double total = 0;
        for (int i = 0; i < points.length; i++) {
            pointsByName.put(p.nomogram().predictors().get(i), points[i]);
            total += points[i];
        }
        Map<String, Double> inputs = new LinkedHashMap<>();
        for (int i = 0; i < clinicalValues.length; i++) inputs.put(p.clinicalSignature().variables().get(i), clinicalValues[i]);
        boolean positive = prob >= p.threshold().value();
        timings.put("scoring", ms(System.nanoTime() - t0));
        return new Prediction(prob, positive ? p.classes().positive() : p.classes().negative(), p.classes().positive(),
                p.threshold().value(), dl, clin, pointsByName, total, inputs, crop == null ? null : crop.box(),
                bundle.modelId(), bundle.modelHash(), provider, precision, timings, null);
    }

    /**
     * Runs one all-zero crop through the backbone and returns the milliseconds it took: the first run builds a
     * TensorRT engine (minutes on a Jetson) and writes it to the engine cache, so install time, not the first
     * patient, pays for it.
     */
    public double warmUp() {
        int s = pipeline.crop().inputSize();
        long t0 = System.nanoTime();
        backbone.run(new float[][] {new float[3 * s * s]});
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The deep signature's probability for one prepared crop (the occlusion map re-scores occluded crops this way). */
    public double deepProbability(float[] chwCrop) {
        if (pipeline.deepSignature() == null) throw new IllegalStateException("this bundle has no deep signature");
        return pipeline.deepSignature().score(backbone.run(new float[][] {chwCrop}).features()[0]);
    }

    /** A prediction with what produced it (the crop and the backbone's outputs, for the explanations). */
    public record Scoring(Prediction prediction, LesionCrop.Result crop, BackboneOutput backboneOutput) {}

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    @Override
    public void close() {
        backbone.close();
    }
}
