package org.eusedge.training.selection;

import org.apache.commons.math3.special.Erf;

/**
 * Two-sided Mann-Whitney U test with the normal approximation, tie correction and continuity correction:
 * scipy {@code mannwhitneyu(x1, x0, use_continuity=True, alternative='two-sided', method='asymptotic')}
 * (= R {@code wilcox.test(x1, x0, exact=FALSE, correct=TRUE)}).
 * <p>
 * Written here rather than taken from commons-math3: its {@code MannWhitneyUTest} uses the variance
 * n1*n2*(n+1)/12 without the tie correction and no continuity correction, so its p-values differ from the
 * reference (up to 1.1e-3, 0.9 % relative, on the example cohort's 186 train rows), and it reports max(U1, U2)
 * rather than U of the first group.
 */
public final class MannWhitney {
    private MannWhitney() {}

    /** {@code u1}: U of the first group, R1 - n1(n1+1)/2; {@code p}: two-sided asymptotic p-value in [0, 1]. */
    public record Result(double u1, double p) {}

    /**
     * @param x1 values of the first group (label 1, PNET)
     * @param x0 values of the second group (label 0, cancer)
     */
    public static Result test(double[] x1, double[] x0) {
        Inputs.requireFinite(x1, "Mann-Whitney first group");
        Inputs.requireFinite(x0, "Mann-Whitney second group");
        int n1 = x1.length;
        int n0 = x0.length;
        double[] pooled = new double[n1 + n0];
        System.arraycopy(x1, 0, pooled, 0, n1);
        System.arraycopy(x0, 0, pooled, n1, n0);
        Ranks ranks = Ranks.of(pooled);
        double r1 = 0;
        for (int i = 0; i < n1; i++) r1 += ranks.ranks()[i];
        double u1 = r1 - n1 * (n1 + 1) / 2.0;
        double u = Math.max(u1, (double) n1 * n0 - u1);

        double n = n1 + n0;
        double mu = (double) n1 * n0 / 2;
        double variance = (double) n1 * n0 / 12 * ((n + 1) - ranks.tieTerm() / (n * (n - 1)));
        if (!(variance > 1e-12 * mu * mu)) {
            return new Result(u1, 1.0);   // all values tied (constant feature): no evidence, scipy gives NaN -> 1
        }
        double z = (u - mu - 0.5) / Math.sqrt(variance);
        double p = 2 * standardNormalUpperTail(z);
        return new Result(u1, Math.min(1.0, Math.max(0.0, p)));
    }

    /** P(Z > z) computed as 0.5 erfc(z / sqrt 2), accurate in the far tail (no 1 - Phi cancellation). */
    static double standardNormalUpperTail(double z) {
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }
}
