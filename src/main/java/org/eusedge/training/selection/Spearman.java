package org.eusedge.training.selection;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Spearman rank correlation with average ranks for ties (scipy {@code spearmanr}): commons-math3's
 * {@code SpearmansCorrelation} with an explicit average-ties ranking, which is the Pearson correlation of the ranks,
 * as scipy computes it. A constant input has no defined correlation and gives NaN (as scipy).
 */
public final class Spearman {
    private Spearman() {}

    private static final SpearmansCorrelation SPEARMAN =
            new SpearmansCorrelation(new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE));

    public static double rho(double[] a, double[] b) {
        Inputs.requireFinite(a, "Spearman first variable");
        Inputs.requireFinite(b, "Spearman second variable");
        if (a.length != b.length) {
            throw new IllegalArgumentException("Spearman needs paired values: got " + a.length + " and " + b.length);
        }
        if (a.length < 2) throw new IllegalArgumentException("Spearman needs at least 2 pairs, got " + a.length);
        return SPEARMAN.correlation(a, b);
    }
}
