package org.eusedge.training.selection;

/** Which list the classifiers' features came from (reference key {@code selection.model_features_source}). */
public enum ModelFeatureSource {
    /** The features with a non-zero LASSO coefficient (the normal case). */
    LASSO("lasso_kept_sklearn"),
    /** LASSO kept none, so the Spearman-filtered features are used (the reference harness's fallback). */
    SPEARMAN_FALLBACK("spearman_kept");

    private final String referenceKey;

    ModelFeatureSource(String referenceKey) {
        this.referenceKey = referenceKey;
    }

    /** The value the reference harness writes for this source. */
    public String referenceKey() {
        return referenceKey;
    }
}
