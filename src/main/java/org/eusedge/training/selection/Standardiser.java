package org.eusedge.training.selection;

import java.util.Arrays;
import java.util.Objects;

/**
 * z-score of named features: {@code z = (x - mean) / sd} with the training rows' mean and population SD (ddof = 0),
 * exactly scikit-learn's {@code StandardScaler}. A constant feature gets {@code sd = 1} (StandardScaler's rule,
 * including its tolerance for a variance that is zero up to rounding), so it maps to ~0 instead of dividing by zero.
 * Kept as plain arrays so that it can be written into the model bundle as JSON.
 */
public record Standardiser(String[] names, double[] mean, double[] sd) {

    public Standardiser {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(sd, "sd");
        if (mean.length != names.length || sd.length != names.length) {
            throw new IllegalArgumentException("standardiser has " + names.length + " names, " + mean.length
                    + " means and " + sd.length + " SDs: they must be aligned");
        }
        for (int j = 0; j < sd.length; j++) {
            if (!(sd[j] > 0) || !Double.isFinite(sd[j]) || !Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("feature '" + names[j] + "' has mean " + mean[j] + " and SD " + sd[j]
                        + ": a standardiser needs a finite mean and a finite SD > 0");
            }
        }
    }

    /** Fits on the training rows (rows x features). */
    public static Standardiser fit(double[][] rows, String[] names) {
        Objects.requireNonNull(names, "feature names");
        Inputs.requireNames(names, names.length);
        Inputs.requireFiniteMatrix(rows, names.length, "standardiser input");
        int n = rows.length;
        int p = names.length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (double[] row : rows) sum += row[j];
            double m = sum / n;
            double ss = 0;
            for (double[] row : rows) {
                double d = row[j] - m;
                ss += d * d;
            }
            double var = ss / n;
            mean[j] = m;
            sd[j] = isConstant(var, m, n) ? 1.0 : Math.sqrt(var);
        }
        return new Standardiser(names.clone(), mean, sd);
    }

    /**
     * scikit-learn's {@code _is_constant_feature}: a variance below the rounding error of its own computation
     * counts as zero.
     */
    private static boolean isConstant(double var, double mean, int n) {
        double eps = Math.ulp(1.0);
        double bound = n * eps * var + Math.pow(n * mean * eps, 2);
        return var <= bound;
    }

    /** The standardiser of just the named features, in the given order (e.g. the model features, for a bundle). */
    public Standardiser subset(java.util.List<String> keep) {
        java.util.List<String> all = Arrays.asList(names);
        double[] m = new double[keep.size()];
        double[] s = new double[keep.size()];
        for (int k = 0; k < keep.size(); k++) {
            int j = all.indexOf(keep.get(k));
            if (j < 0) {
                throw new IllegalArgumentException("feature '" + keep.get(k) + "' is not in this standardiser ("
                        + names.length + " features): name only features it was fitted on");
            }
            m[k] = mean[j];
            s[k] = sd[j];
        }
        return new Standardiser(keep.toArray(String[]::new), m, s);
    }

    public int size() {
        return names.length;
    }

    public double[] apply(double[] row) {
        if (row == null || row.length != names.length) {
            throw new IllegalArgumentException("row has " + (row == null ? 0 : row.length) + " values but the standardiser has "
                    + names.length + " features (" + String.join(", ", Arrays.asList(names).subList(0, Math.min(3, names.length)))
                    + (names.length > 3 ? ", ..." : "") + ")");
        }
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) z[j] = (row[j] - mean[j]) / sd[j];
        return z;
    }

    public double[][] apply(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        double[][] z = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) z[i] = apply(rows[i]);
        return z;
    }
}
