package org.eusedge.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * DeLong's variance of the AUC and DeLong's test for two correlated AUCs, as pROC computes them
 * ({@code ci.auc(method="delong")} with {@code direction="<"}, {@code roc.test(method="delong", paired=TRUE)}),
 * from placement values in O(n log n). commons-math3 has no DeLong, hence this class.
 */
public final class DeLong {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private DeLong() {}

    /** AUC with its DeLong variance and a two-sided normal confidence interval clipped to [0, 1]. */
    public record Ci(double auc, double variance, double lo, double hi, double level) {}

    /** Paired DeLong test of AUC1 = AUC2 on the same cases: z = (auc1 - auc2) / sd, two-sided p. */
    public record PairedTest(double auc1, double auc2, double z, double p) {}

    public static Ci ci(double[] score, int[] y, double level) {
        Inputs.scoresAndLabels(score, y, "score");
        Inputs.probability(level, "confidence level");
        atLeastTwoPerClass(y);
        Placements pl = Placements.of(score, y);
        double variance = sampleVariance(pl.v10()) / pl.v10().length + sampleVariance(pl.v01()) / pl.v01().length;
        double half = STANDARD_NORMAL.inverseCumulativeProbability(0.5 + level / 2) * Math.sqrt(variance);
        return new Ci(pl.auc(), variance, Math.max(0, pl.auc() - half), Math.min(1, pl.auc() + half), level);
    }

    /**
     * Paired test. When the variance of the difference is 0 (both vectors rank every positive-negative pair the
     * same way, e.g. two perfect classifiers) pROC's rule applies: equal AUCs give z = 0, p = 1; unequal AUCs
     * give z = +/-infinity, p = 0.
     */
    public static PairedTest paired(double[] score1, double[] score2, int[] y) {
        Inputs.scoresAndLabels(score1, y, "score1");
        Inputs.scoresAndLabels(score2, y, "score2");
        atLeastTwoPerClass(y);
        Placements a = Placements.of(score1, y);
        Placements b = Placements.of(score2, y);
        double variance = sampleVariance(difference(a.v10(), b.v10())) / a.v10().length
                + sampleVariance(difference(a.v01(), b.v01())) / a.v01().length;
        double z = (a.auc() - b.auc()) / Math.sqrt(variance);
        if (Double.isNaN(z)) z = 0;
        double p = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
        return new PairedTest(a.auc(), b.auc(), z, p);
    }

    private static void atLeastTwoPerClass(int[] y) {
        int[] counts = Inputs.bothClasses(y, "DeLong");
        if (counts[0] < 2 || counts[1] < 2) {
            throw new IllegalArgumentException("DeLong needs at least 2 positive and 2 negative cases, got "
                    + counts[0] + " positive and " + counts[1] + " negative");
        }
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    /** Variance with denominator n - 1 (R's var), two-pass for accuracy. */
    static double sampleVariance(double[] v) {
        double mean = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return ss / (v.length - 1);
    }
}
