package org.eusedge.explain;

import org.eusedge.imaging.Box;

import java.util.List;

/**
 * Why the appliance showed what it showed: SHAP contributions of the deep signature's selected features and of the
 * nomogram's two signatures (values on the probability scale: base + sum = the output), and the Grad-CAM map of the
 * class shown on the convolutional grid, placed in frame coordinates by its crop box.
 */
public record Explanation(Shap deepSignature, Shap nomogram, Cam gradCam) {

    /**
     * base + sum(top) + others = output; {@code top} lists the largest |shap| first, {@code others} is the summed
     * contribution of the {@code features - top.size()} features not listed.
     */
    public record Shap(double base, double output, List<Contribution> top, double others, int features) {}

    /** A feature's (standardised) value and its SHAP contribution. */
    public record Contribution(String feature, double value, double shap) {}

    /**
     * @param method "grad-cam" (SVM signature) or "occlusion" (a learner without a usable gradient)
     * @param grid   the min-max normalised CAM on the backbone's last-conv grid (rows x cols, row-major), 0..1
     * @param box    where the grid lies in the frame (the lesion crop's box; may extend past the frame edge)
     */
    public record Cam(String method, String targetClass, Box box, int rows, int cols, float[] grid, double peakX,
                      double peakY) {}
}
