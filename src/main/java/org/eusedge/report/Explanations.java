package org.eusedge.report;

import java.util.List;
import java.util.Objects;

/**
 * Optional explanation results for the report: SHAP values of the deep signature's features and images (Grad-CAM
 * overlays) as PNG bytes. Each part may be absent (null or empty); the report draws what is present.
 *
 * @param featureNames  the explained features, columns of the two matrices
 * @param shapValues    SHAP value per case (row) and feature (column)
 * @param featureValues the feature values of the same cells (colour of the beeswarm dots), or null
 * @param forces        additive explanations of a few example cases for force plots (may be empty)
 * @param images        captioned PNG images (Grad-CAM overlays), embedded as data: URIs
 */
public record Explanations(List<String> featureNames, double[][] shapValues, double[][] featureValues,
                           List<ForceCase> forces, List<Image> images) {

    /** output = baseValue + sum of contributions (the SHAP additivity property). */
    public record ForceCase(String caseId, double baseValue, double[] contributions, double[] featureValues) {
        public double output() {
            double s = baseValue;
            for (double c : contributions) s += c;
            return s;
        }
    }

    public record Image(String caption, byte[] png) {
        public Image {
            Objects.requireNonNull(caption, "image caption");
            if (png == null || png.length < 8 || (png[0] & 0xff) != 0x89 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
                throw new IllegalArgumentException("image '" + caption + "' is not a PNG: pass the bytes of a PNG file");
            }
        }
    }

    public Explanations {
        featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
        images = images == null ? List.of() : List.copyOf(images);
        forces = forces == null ? List.of() : List.copyOf(forces);
        int p = featureNames.size();
        if (shapValues != null) {
            for (int i = 0; i < shapValues.length; i++) {
                if (shapValues[i].length != p) {
                    throw new IllegalArgumentException("SHAP row " + i + " has " + shapValues[i].length + " values but "
                            + p + " feature names were given");
                }
                if (featureValues != null && featureValues[i].length != p) {
                    throw new IllegalArgumentException("feature-value row " + i + " has " + featureValues[i].length
                            + " values but " + p + " feature names were given");
                }
            }
            if (featureValues != null && featureValues.length != shapValues.length) {
                throw new IllegalArgumentException(featureValues.length + " feature-value rows for " + shapValues.length
                        + " SHAP rows: pass one per case");
            }
        }
        for (ForceCase force : forces) {
            if (force.contributions().length != p) {
                throw new IllegalArgumentException("force plot has " + force.contributions().length + " contributions but "
                        + p + " feature names were given");
            }
        }
    }
}
