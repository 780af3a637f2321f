package org.eusedge.training;

import org.eusedge.training.learners.Learners;

import java.util.List;

/**
 * The trainer's choices, recorded in the bundle's provenance. Defaults follow the study: 7:3 split, stratified 10-fold
 * CV for LASSO, the eight learners compared by stratified 5-fold CV (the same folds give the out-of-fold signatures
 * the nomogram is fitted on), the best mean CV AUC chosen ({@code learner} = null) or a named one, SVM C = 1.
 */
public record TrainingSettings(long seed, double testFraction, int lassoFolds, int signatureFolds, double svmC,
                               String thresholdRule, List<String> learners, String learner) {

    public static final String YOUDEN_TRAIN = "youden-train";
    public static final String FIXED_HALF = "0.5";

    public TrainingSettings {
        learners = List.copyOf(learners);
        if (learner != null && !learners.contains(learner)) {
            throw new IllegalArgumentException("learner '" + learner + "' is not among the compared learners " + learners);
        }
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(0, 0.3, 10, 5, 1.0, YOUDEN_TRAIN, Learners.ORDER, null);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(s, testFraction, lassoFolds, signatureFolds, svmC, thresholdRule, learners, learner);
    }

    public TrainingSettings withThresholdRule(String rule) {
        return new TrainingSettings(seed, testFraction, lassoFolds, signatureFolds, svmC, rule, learners, learner);
    }

    /** Compare only these learners and/or take a named one (null: the best mean CV AUC). */
    public TrainingSettings withLearners(List<String> names, String chosen) {
        return new TrainingSettings(seed, testFraction, lassoFolds, signatureFolds, svmC, thresholdRule, names, chosen);
    }
}
