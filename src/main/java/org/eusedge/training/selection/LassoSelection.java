package org.eusedge.training.selection;

import java.util.List;
import java.util.Map;

/**
 * The LASSO step of the selection, by feature name.
 *
 * @param features     the LASSO's input columns (the Spearman-kept features, column order); the columns of
 *                     {@code path().coefficients()}
 * @param alpha        cross-validated penalty (sklearn alpha_)
 * @param intercept    intercept of the refit on all train rows
 * @param coefficients coefficient of every input feature, in {@code features} order (zero = dropped)
 * @param iterations   coordinate-descent sweeps of the refit
 * @param path         the cross-validation and coefficient path, for the report
 */
public record LassoSelection(List<String> features, double alpha, double intercept, Map<String, Double> coefficients,
                             int iterations, LassoPath path) {}
