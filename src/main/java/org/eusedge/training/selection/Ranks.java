package org.eusedge.training.selection;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Average ranks (1-based, ties share the mean of their positions: scipy {@code rankdata(method='average')}). */
record Ranks(double[] ranks, double tieTerm) {

    /**
     * Ranks of the values, and the tie term sum(t^3 - t) over groups of t equal values that the Mann-Whitney
     * variance needs.
     */
    static Ranks of(double[] values) {
        int n = values.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        double tieTerm = 0;
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) end++;
            double average = (start + 1 + end) / 2.0;   // mean of the 1-based positions start+1 .. end
            for (int k = start; k < end; k++) ranks[order[k]] = average;
            double t = end - start;
            tieTerm += t * t * t - t;
            start = end;
        }
        return new Ranks(ranks, tieTerm);
    }
}
