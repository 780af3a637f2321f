package org.eusedge.explain;

/**
 * A class activation map on the grid of the last convolutional layer, before normalisation.
 *
 * @param cam           ReLU(sum_k alpha_k A_k), height x width, row-major
 * @param height        rows of the convolutional map
 * @param width         columns of the convolutional map
 * @param gradientAlpha alpha_k, the spatial mean of dTarget/dA_k for each of the C channels (0 for unselected ones)
 * @param decision      the SVM decision value of the pooled map (oriented to the positive class)
 * @param probability   the Platt probability of the positive class
 */
public record CamResult(float[] cam, int height, int width, float[] gradientAlpha, double decision, double probability) {

    public CamResult {
        if (cam.length != height * width) {
            throw new IllegalArgumentException("CAM has " + cam.length + " values but the grid is " + height + "x" + width);
        }
    }
}
