package org.eusedge.model;

import org.eusedge.imaging.Box;

import java.util.Map;

/**
 * One scoring: the nomogram probability of the positive class and its decision, the two signatures, the nomogram
 * points, which model and execution provider produced it, how long each stage took, and (once explained) why:
 * {@code explanation} is an {@code org.eusedge.explain.Explanation}, or null.
 */
public record Prediction(
        double probability,
        String decision,
        String positiveClass,
        double threshold,
        double dlSignature,
        double clinicalSignature,
        Map<String, Double> nomogramPoints,
        double totalPoints,
        Map<String, Double> clinicalInputs,
        Box cropBox,
        String modelId,
        String modelHash,
        String executionProvider,
        String backbonePrecision,
        Map<String, Double> timingsMs,
        Object explanation) {

    /** The same prediction with its explanations attached (Grad-CAM, SHAP), and their stage timings. */
    public Prediction withExplanation(Object explanation, Map<String, Double> moreTimings) {
        Map<String, Double> t = new java.util.LinkedHashMap<>(timingsMs);
        Double total = t.remove("total");
        t.putAll(moreTimings);
        if (total != null) t.put("total", total + moreTimings.values().stream().mapToDouble(Double::doubleValue).sum());
        return new Prediction(probability, decision, positiveClass, threshold, dlSignature, clinicalSignature,
                nomogramPoints, totalPoints, clinicalInputs, cropBox, modelId, modelHash, executionProvider, backbonePrecision, t, explanation);
    }
}
