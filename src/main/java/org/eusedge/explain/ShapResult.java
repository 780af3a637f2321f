package org.eusedge.explain;

/**
 * SHAP values of one instance, all on the link scale: baseValue + sum(values) = fx.
 *
 * @param baseValue link(E[f]) over the weighted background
 * @param values    one contribution per feature, in the model's feature order
 * @param fx        link(f(x))
 */
public record ShapResult(double baseValue, double[] values, double fx) {
}
