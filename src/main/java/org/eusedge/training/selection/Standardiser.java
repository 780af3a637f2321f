package org.eusedge.training.selection;

import java.util.Arrays;
import java.util.Objects;

/**
 * z-score of named features, fitted by {@link org.eusedge.model.Standardiser#fit} (scikit-learn's StandardScaler,
 * ddof = 0, constant features get SD 1), with the feature names checked on input and kept for selection by name.
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
        org.eusedge.model.Standardiser fitted = org.eusedge.model.Standardiser.fit(rows);
        return new Standardiser(names.clone(), fitted.mean(), fitted.sd());
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

    /** The same z-score without names, as the bundle stores it. */
    public org.eusedge.model.Standardiser unnamed() {
        return new org.eusedge.model.Standardiser(mean, sd);
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
