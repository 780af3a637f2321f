package org.eusedge.stats;

import java.util.Arrays;

/**
 * DeLong placement values in O(n log n) (Sun and Xu 2014): for each positive case the fraction of negatives
 * it beats (ties 1/2), V10, and for each negative case the fraction of positives that beat it, V01.
 * The AUC is the mean of either vector.
 */
record Placements(double[] v10, double[] v01, double auc) {

    static Placements of(double[] score, int[] y) {
        int nPos = 0;
        for (int v : y) nPos += v;
        int nNeg = y.length - nPos;
        double[] pos = new double[nPos];
        double[] neg = new double[nNeg];
        for (int i = 0, a = 0, b = 0; i < y.length; i++) {
            if (y[i] == 1) pos[a++] = score[i]; else neg[b++] = score[i];
        }
        double[] negSorted = neg.clone();
        double[] posSorted = pos.clone();
        Arrays.sort(negSorted);
        Arrays.sort(posSorted);
        double[] v10 = new double[nPos];
        double sum = 0;
        for (int i = 0; i < nPos; i++) {
            int below = lowerBound(negSorted, pos[i]);
            int tied = upperBound(negSorted, pos[i]) - below;
            v10[i] = (below + 0.5 * tied) / nNeg;
            sum += below + 0.5 * tied;
        }
        double[] v01 = new double[nNeg];
        for (int j = 0; j < nNeg; j++) {
            int above = nPos - upperBound(posSorted, neg[j]);
            int tied = upperBound(posSorted, neg[j]) - lowerBound(posSorted, neg[j]);
            v01[j] = (above + 0.5 * tied) / nPos;
        }
        return new Placements(v10, v01, sum / ((double) nPos * nNeg));
    }

    /** First index whose value is >= key. */
    private static int lowerBound(double[] sorted, double key) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** First index whose value is > key. */
    private static int upperBound(double[] sorted, double key) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
