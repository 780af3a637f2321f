package org.eusedge.training.selection;

import java.util.List;

/**
 * Everything the feature selection decided, with the numbers behind it (reference keys of {@code selection.*} in
 * brackets). Arrays are aligned with {@code standardiser().names()}.
 *
 * @param standardiser        train mean/SD of every feature [zscore]
 * @param mwuU                U of the label-1 group per feature [mwu_U]
 * @param mwuP                two-sided Mann-Whitney p per feature [mwu_p]
 * @param mwuKept             features with p &lt; 0.05, column order [mwu_kept]
 * @param spearmanPairs       MWU-kept pairs with |rho| &gt; 0.9 [spearman_pairs_over_0.9]
 * @param spearmanDropped     features the greedy filter dropped [spearman_dropped]
 * @param spearmanKept        features it kept, column order [spearman_kept]
 * @param lasso               the LASSO on the Spearman-kept z-scores [lasso_sklearn]
 * @param lassoKept           non-zero LASSO coefficients, column order [lasso_kept_sklearn]
 * @param modelFeatures       the classifiers' features [model_features]
 * @param modelFeaturesSource where they came from [model_features_source]
 */
public record SelectionResult(Standardiser standardiser, double[] mwuU, double[] mwuP, List<String> mwuKept,
                              List<SpearmanFilter.CorrelatedPair> spearmanPairs,
                              List<SpearmanFilter.DroppedFeature> spearmanDropped, List<String> spearmanKept,
                              LassoSelection lasso, List<String> lassoKept, List<String> modelFeatures,
                              ModelFeatureSource modelFeaturesSource) {

    /** Column indices (into {@code standardiser().names()}) of {@code modelFeatures}, in their order. */
    public int[] modelFeatureColumns() {
        List<String> names = List.of(standardiser.names());
        return modelFeatures.stream().mapToInt(names::indexOf).toArray();
    }
}
