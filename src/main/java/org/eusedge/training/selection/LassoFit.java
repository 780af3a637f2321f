package org.eusedge.training.selection;

/**
 * The LASSO refitted on all rows at the cross-validated alpha (scikit-learn {@code LassoCV} attributes in brackets).
 *
 * @param alpha      chosen penalty [alpha_]
 * @param intercept  [intercept_]
 * @param coef       one coefficient per input column [coef_]; zero = dropped
 * @param iterations coordinate-descent sweeps of the final refit [n_iter_]
 * @param dualGap    duality gap of the final refit [dual_gap_]
 * @param path       the cross-validation behind the choice
 */
public record LassoFit(double alpha, double intercept, double[] coef, int iterations, double dualGap, LassoPath path) {

    /** Indices of the columns with a non-zero coefficient, ascending. */
    public int[] keptColumns() {
        return java.util.stream.IntStream.range(0, coef.length).filter(j -> coef[j] != 0.0).toArray();
    }
}
