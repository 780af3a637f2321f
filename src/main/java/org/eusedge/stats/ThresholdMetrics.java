package org.eusedge.stats;

import java.util.Arrays;

/**
 * Youden threshold and the confusion table at a threshold, with the rule "positive iff score >= t".
 * A ratio whose denominator is 0 (for example PPV when nothing is called positive) is {@code Double.NaN};
 * the JSON layer writes it as null, as the reference harness does.
 */
public final class ThresholdMetrics {
    private ThresholdMetrics() {}

    /** The chosen threshold and its Youden J = sensitivity + specificity - 1 on the vector it was chosen on. */
    public record Youden(double threshold, double j) {}

    public record Confusion(double threshold, int tp, int fp, int tn, int fn, double accuracy,
                            double sensitivity, double specificity, double ppv, double npv, double f1) {}

    /**
     * Threshold maximising J on the training scores, as sklearn 1.2 {@code roc_curve(drop_intermediate=False)}
     * followed by {@code argmax}: candidates are the distinct scores in decreasing order, preceded by
     * max + 1 (which calls nobody positive, J = 0); the first maximum wins, so ties go to the highest threshold.
     */
    public static Youden youden(double[] trainScore, int[] y) {
        Inputs.scoresAndLabels(trainScore, y, "train score");
        int[] counts = Inputs.bothClasses(y, "Youden threshold");
        int nPos = counts[0], nNeg = counts[1];
        Integer[] order = new Integer[y.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(trainScore[b], trainScore[a]));
        double bestT = trainScore[order[0]] + 1;
        double bestJ = 0.0;
        int tp = 0, fp = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (y[i] == 1) tp++; else fp++;
            boolean lastOfTie = k == order.length - 1 || trainScore[order[k + 1]] != trainScore[i];
            if (!lastOfTie) continue;
            double j = (double) tp / nPos - (double) fp / nNeg;
            if (j > bestJ) {
                bestJ = j;
                bestT = trainScore[i];
            }
        }
        return new Youden(bestT, bestJ);
    }

    public static Confusion at(double[] score, int[] y, double threshold) {
        Inputs.scoresAndLabels(score, y, "score");
        if (Double.isNaN(threshold)) throw new IllegalArgumentException("threshold is NaN");
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < y.length; i++) {
            boolean positive = score[i] >= threshold;
            if (positive) {
                if (y[i] == 1) tp++; else fp++;
            } else {
                if (y[i] == 1) fn++; else tn++;
            }
        }
        return new Confusion(threshold, tp, fp, tn, fn, ratio(tp + tn, y.length), ratio(tp, tp + fn),
                ratio(tn, tn + fp), ratio(tp, tp + fp), ratio(tn, tn + fn), ratio(2 * tp, 2 * tp + fp + fn));
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
