package org.eusedge.training.selection;

/**
 * The LASSO cross-validation for the report (scikit-learn {@code LassoCV} attributes in brackets).
 *
 * @param alphas        the alpha grid, decreasing [alphas_]
 * @param meanCvMse     mean over folds of the validation MSE, per alpha [mse_path_.mean(axis=1)]
 * @param foldCvMse     validation MSE, alpha x fold (fold k = column k-1) [mse_path_]
 * @param coefficients  coefficient path on all rows, alpha x feature (warm-started along the grid; for the plot)
 * @param chosenIndex   index of the chosen alpha in {@code alphas} (first minimum of {@code meanCvMse})
 * @param chosenAlpha   {@code alphas[chosenIndex]} [alpha_]
 */
public record LassoPath(double[] alphas, double[] meanCvMse, double[][] foldCvMse, double[][] coefficients,
                        int chosenIndex, double chosenAlpha) {}
