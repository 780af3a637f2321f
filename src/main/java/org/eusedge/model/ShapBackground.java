package org.eusedge.model;

/**
 * A weighted summary of training rows (k-means centres, weights = cluster sizes) that KernelSHAP integrates features
 * out against; stored in the bundle so the cart explains with the training distribution without carrying the cohort.
 */
public record ShapBackground(double[][] rows, double[] weights) {
    public ShapBackground {
        if (rows.length == 0 || rows.length != weights.length) {
            throw new BundleException("SHAP background needs rows and one weight per row; got " + rows.length
                    + " rows and " + weights.length + " weights");
        }
    }
}
