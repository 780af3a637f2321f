package org.eusedge.model.learned;

import java.util.Arrays;
import java.util.Objects;

/**
 * k-nearest neighbours with uniform weights and Euclidean distance: p = share of label 1 among the k training rows
 * closest to x. Equal distances are ordered by training-row index (a stable sort), which is what scikit-learn's
 * brute-force search gives in practice; with continuous features exact ties do not occur.
 */
public record NearestNeighbours(int k, double[][] rows, int[] labels) implements ScoreModel {

    public NearestNeighbours {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(labels, "labels");
        if (rows.length != labels.length) {
            throw new IllegalArgumentException("nearest neighbours: " + rows.length + " rows but " + labels.length + " labels");
        }
        if (k < 1 || k > rows.length) {
            throw new IllegalArgumentException("nearest neighbours: k must be in 1.." + rows.length + ", got " + k);
        }
        for (double[] r : rows) {
            if (r.length != rows[0].length) throw new IllegalArgumentException("nearest neighbours: ragged training rows");
        }
        for (int v : labels) {
            if (v != 0 && v != 1) throw new IllegalArgumentException("nearest neighbours: labels must be 0 or 1, got " + v);
        }
    }

    @Override
    public double probability(double[] x) {
        checkWidth(x);
        int n = rows.length;
        double[] d = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                double t = rows[i][j] - x[j];
                s += t * t;
            }
            d[i] = s;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
        int positives = 0;
        for (int m = 0; m < k; m++) positives += labels[order[m]];
        return positives / (double) k;
    }

    @Override
    public int dimension() {
        return rows[0].length;
    }
}
