package org.eusedge.stats;

/**
 * Decision-curve analysis (Vickers and Elkin 2006), reference rule 11: at threshold probability pt a case is
 * treated iff p >= pt; net benefit = TP/n - FP/n * pt / (1 - pt). Treat-none has net benefit 0.
 */
public final class DecisionCurve {
    private DecisionCurve() {}

    /** The reference grid pt = k/100, k = 1..99. */
    public static double[] standardThresholds() {
        double[] t = new double[99];
        for (int k = 1; k <= 99; k++) t[k - 1] = k / 100.0;
        return t;
    }

    public static double[] netBenefit(double[] p, int[] y, double[] thresholds) {
        Inputs.scoresAndLabels(p, y, "predicted probability");
        checkThresholds(thresholds);
        int n = y.length;
        double[] nb = new double[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            double pt = thresholds[k];
            int tp = 0, fp = 0;
            for (int i = 0; i < n; i++) {
                if (p[i] >= pt) {
                    if (y[i] == 1) tp++; else fp++;
                }
            }
            nb[k] = (double) tp / n - (double) fp / n * pt / (1 - pt);
        }
        return nb;
    }

    /** Treat everybody: prevalence - (1 - prevalence) * pt / (1 - pt). */
    public static double[] treatAll(int[] y, double[] thresholds) {
        Inputs.labels(y);
        if (y.length == 0) throw new IllegalArgumentException("no cases: labels are empty");
        checkThresholds(thresholds);
        int pos = 0;
        for (int v : y) pos += v;
        double prevalence = (double) pos / y.length;
        double[] nb = new double[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            double pt = thresholds[k];
            nb[k] = prevalence - (1 - prevalence) * pt / (1 - pt);
        }
        return nb;
    }

    static void checkThresholds(double[] thresholds) {
        if (thresholds == null || thresholds.length == 0) {
            throw new IllegalArgumentException("no thresholds given: pass threshold probabilities in (0, 1)");
        }
        for (int k = 0; k < thresholds.length; k++) {
            if (!(thresholds[k] > 0 && thresholds[k] < 1)) {
                throw new IllegalArgumentException("threshold[" + k + "] is " + thresholds[k]
                        + ": threshold probabilities must lie strictly between 0 and 1");
            }
        }
    }
}
