package org.eusedge.stats;

/**
 * Area under the ROC curve as the Mann-Whitney statistic: the probability that a random positive case scores
 * higher than a random negative one, ties counting 1/2 (= sklearn roc_auc_score = pROC auc). Higher score means
 * positive (label 1).
 */
public final class Auc {
    private Auc() {}

    public static double of(double[] score, int[] y) {
        Inputs.scoresAndLabels(score, y, "score");
        Inputs.bothClasses(y, "AUC");
        return Placements.of(score, y).auc();
    }
}
