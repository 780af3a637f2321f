package org.eusedge.model;

import java.util.Arrays;

/**
 * z-score with the training rows' mean and population SD (ddof = 0), exactly scikit-learn's StandardScaler: a column
 * whose variance is zero up to the rounding of its own computation gets SD 1, so it maps to ~0 instead of dividing by
 * zero. The feature selection's named standardiser fits through this one.
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
            double var = sd[j] / rows.length;
            sd[j] = isConstant(var, mean[j], rows.length) ? 1.0 : Math.sqrt(var);
        }
        return new Standardiser(mean, sd);
    }

    /** scikit-learn's {@code _is_constant_feature}: a variance below the rounding error of its computation is zero. */
    private static boolean isConstant(double var, double mean, int n) {
        double eps = Math.ulp(1.0);
        return var <= n * eps * var + Math.pow(n * mean * eps, 2);
    }

    /** The standardiser of the given columns, in that order (e.g. the selected features, for a bundle). */
    public Standardiser subset(int[] columns) {
        double[] m = new double[columns.length], d = new double[columns.length];
        for (int k = 0; k < columns.length; k++) {
            m[k] = mean[columns[k]];
            d[k] = sd[columns[k]];
        }
        return new Standardiser(m, d);
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
