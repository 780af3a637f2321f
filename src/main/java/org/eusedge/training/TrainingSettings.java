package org.eusedge.training;

/**
 * The trainer's choices, recorded in the bundle's provenance. Defaults follow the study: 7:3 split, stratified 10-fold
 * CV for LASSO, 5-fold out-of-fold signatures for the nomogram, SVM C = 1.
 */
public record TrainingSettings(long seed, double testFraction, int lassoFolds, int signatureFolds, double svmC,
                               String thresholdRule) {

    public static final String YOUDEN_TRAIN = "youden-train";
    public static final String FIXED_HALF = "0.5";

    public static TrainingSettings defaults() {
        return new TrainingSettings(0, 0.3, 10, 5, 1.0, YOUDEN_TRAIN);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(s, testFraction, lassoFolds, signatureFolds, svmC, thresholdRule);
    }
}
