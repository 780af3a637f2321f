package org.eusedge.model;

import java.util.Arrays;

/**
 * z-score with the training rows' mean and population SD (ddof = 0); a constant column gets SD 1, as scikit-learn's
 * StandardScaler does, so it maps to 0 instead of dividing by zero.
 */
public record Standardiser(double[] mean, double[] sd) {

    public Standardiser {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("standardiser has " + mean.length + " means but " + sd.length + " SDs");
        }
        for (double s : sd) {
            if (!(s > 0) || !Double.isFinite(s)) throw new IllegalArgumentException("standardiser SD must be > 0: " + s);
        }
    }

    public static Standardiser fit(double[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("cannot fit a standardiser on no rows");
        int p = rows[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (double[] r : rows) for (int j = 0; j < p; j++) mean[j] += r[j];
        for (int j = 0; j < p; j++) mean[j] /= rows.length;
        for (double[] r : rows) for (int j = 0; j < p; j++) sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(sd[j] / rows.length);
            if (!(sd[j] > 0)) sd[j] = 1.0;
        }
        return new Standardiser(mean, sd);
    }

    public int dimension() {
        return mean.length;
    }

    public double[] apply(double[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " values to standardise, got " + row.length);
        }
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) z[j] = (row[j] - mean[j]) / sd[j];
        return z;
    }

    public double[][] apply(double[][] rows) {
        return Arrays.stream(rows).map(this::apply).toArray(double[][]::new);
    }
}
