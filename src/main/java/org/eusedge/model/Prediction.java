package org.eusedge.model;

import org.eusedge.imaging.Box;

import java.util.Map;

/**
 * One scoring: the nomogram probability of the positive class and its decision, the two signatures, the nomogram
 * points, which model and execution provider produced it, and how long each stage took.
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
        Map<String, Double> timingsMs) {
}
