package org.eusedge.model.learned;

import java.util.Objects;

/**
 * A one-hidden-layer perceptron: h = relu(W1^T x + b1), p = sigmoid(w2 . h + b2). hiddenWeights is
 * [inputs][hidden units] (scikit-learn's coefs_[0] layout).
 */
public record Perceptron(double[][] hiddenWeights, double[] hiddenBias, double[] outputWeights, double outputBias)
        implements ScoreModel {

    public Perceptron {
        Objects.requireNonNull(hiddenWeights, "hiddenWeights");
        Objects.requireNonNull(hiddenBias, "hiddenBias");
        Objects.requireNonNull(outputWeights, "outputWeights");
        if (hiddenWeights.length == 0) throw new IllegalArgumentException("perceptron has no inputs");
        for (double[] row : hiddenWeights) {
            if (row.length != hiddenBias.length) {
                throw new IllegalArgumentException("perceptron: a hidden weight row has " + row.length
                        + " units but there are " + hiddenBias.length + " hidden biases");
            }
        }
        if (outputWeights.length != hiddenBias.length) {
            throw new IllegalArgumentException("perceptron: " + outputWeights.length + " output weights for "
                    + hiddenBias.length + " hidden units");
        }
    }

    @Override
    public double probability(double[] x) {
        checkWidth(x);
        int h = hiddenBias.length;
        double out = outputBias;
        double[] a = hiddenBias.clone();
        for (int j = 0; j < x.length; j++) {
            double xj = x[j];
            double[] w = hiddenWeights[j];
            for (int u = 0; u < h; u++) a[u] += xj * w[u];
        }
        for (int u = 0; u < h; u++) if (a[u] > 0) out += a[u] * outputWeights[u];
        return Sigmoid.of(out);
    }

    @Override
    public int dimension() {
        return hiddenWeights.length;
    }
}
