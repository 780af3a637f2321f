package org.eusedge.model;

import org.eusedge.imaging.CropSpec;

import java.util.List;

/**
 * Everything a bundle computes after the backbone, as auditable JSON: the crop recipe, the named pooled features, the
 * two signatures, the nomogram and the decision threshold. The same object scores on the cart and in training.
 */
public record Pipeline(
        String format,
        String name,
        ClassLabels classes,
        BackboneSpec backbone,
        CropSpec crop,
        List<String> featureNames,
        DeepSignature deepSignature,
        ClinicalSchema clinicalSchema,
        ClinicalSignature clinicalSignature,
        Nomogram nomogram,
        Threshold threshold,
        Explanations explanations) {

    public static final String FORMAT = "eus-edge-pipeline/1";

    public Pipeline {
        featureNames = List.copyOf(featureNames);
        if (!FORMAT.equals(format)) {
            throw new BundleException("pipeline format '" + format + "' is not " + FORMAT
                    + ": this bundle was written by another version; retrain or convert it");
        }
        for (int i = 0; deepSignature != null && i < deepSignature.features().size(); i++) {
            int c = deepSignature.channels()[i];
            if (c < 0 || c >= featureNames.size() || !featureNames.get(c).equals(deepSignature.features().get(i))) {
                throw new BundleException("deep signature feature '" + deepSignature.features().get(i)
                        + "' does not name pooled channel " + c);
            }
        }
        for (String v : clinicalSignature.variables()) clinicalSchema.variable(v);
        if (explanations == null || explanations.nomogramBackground() == null) {
            throw new BundleException("pipeline has no SHAP backgrounds ('explanations'): it was written by an older "
                    + "trainer; retrain the bundle");
        }
    }

    /** Signature values in the nomogram's predictor order: [DL_sig,] Clinic_sig. */
    public double[] signatures(double deep, double clinical) {
        return deepSignature == null ? new double[] {clinical} : new double[] {deep, clinical};
    }

    /** Positive class = the class whose probability the model reports (label 1 in the cohort). */
    public record ClassLabels(String positive, String negative) {}

    /**
     * What the pipeline expects of its backbone; the loader refuses a backbone that does not match. {@code int8File}
     * is the statically quantised graph `eus-edge model quantize` adds, used only when it passed the fidelity gates
     * ({@code int8Ready}).
     */
    public record BackboneSpec(String file, String precision, int inputSize, int featureDim, int[] mapShape, String source,
                               String int8File, boolean int8Ready) {

        public BackboneSpec withInt8(String int8File, boolean ready) {
            return new BackboneSpec(file, precision, inputSize, featureDim, mapShape, source, int8File, ready);
        }
    }

    public Pipeline withBackbone(BackboneSpec spec) {
        return new Pipeline(format, name, classes, spec, crop, featureNames, deepSignature, clinicalSchema,
                clinicalSignature, nomogram, threshold, explanations);
    }

    public record Threshold(double value, String rule) {}

    /**
     * KernelSHAP settings: backgrounds of the deep signature's inputs (standardised selected features; null without a
     * deep signature) and of the nomogram's inputs (the training rows' out-of-fold signatures); coalition budget
     * (0 = 2M + 2048) and seed; how many top contributions a result lists.
     */
    public record Explanations(ShapBackground deepBackground, ShapBackground nomogramBackground, int shapSamples,
                               long seed, int topContributions) {}
}
