package org.eusedge.stats;

/** Argument checks shared by the statistics in this package, with messages that say what to fix. */
final class Inputs {
    private Inputs() {}

    /** Checks a score vector against 0/1 labels: same length, finite scores, labels 0 or 1. */
    static void scoresAndLabels(double[] score, int[] y, String scoreName) {
        if (score == null || y == null) {
            throw new IllegalArgumentException(scoreName + " and labels must not be null");
        }
        if (score.length != y.length) {
            throw new IllegalArgumentException(scoreName + " has " + score.length + " values but there are "
                    + y.length + " labels: pass one value per case, in the same order");
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("no cases: " + scoreName + " and labels are empty");
        }
        finite(score, scoreName);
        labels(y);
    }

    static void finite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i]
                        + ": every value must be a finite number (impute or drop the case first)");
            }
        }
    }

    static void labels(int[] y) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("label[" + i + "] is " + y[i]
                        + ": labels must be 0 (negative, cancer) or 1 (positive, PNET)");
            }
        }
    }

    /** Both classes present: AUC, DeLong and sensitivity/specificity are undefined otherwise. */
    static int[] bothClasses(int[] y, String what) {
        int pos = 0;
        for (int v : y) pos += v;
        int neg = y.length - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException(what + " needs both classes, but all " + y.length
                    + " labels are " + (pos == 0 ? "0" : "1") + ": use a set with positive and negative cases");
        }
        return new int[] {pos, neg};
    }

    static void probability(double level, String name) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(name + " must lie strictly between 0 and 1, got " + level);
        }
    }
}
