package org.eusedge.model;

import java.util.List;

/**
 * The deep-learning signature: pooled backbone features -> the selected channels -> z-score -> RBF SVM -> Platt
 * probability of the positive class.
 */
public record DeepSignature(String learner, List<String> features, int[] channels, Standardiser standardiser, SvmModel svm) {

    public DeepSignature {
        features = List.copyOf(features);
        if (channels.length != features.size() || standardiser.dimension() != features.size()
                || svm.dimension() != features.size()) {
            throw new BundleException("deep signature is inconsistent: " + features.size() + " features, "
                    + channels.length + " channels, standardiser of " + standardiser.dimension()
                    + ", SVM of " + svm.dimension());
        }
    }

    /** The SVM's input for one crop: selected pooled features, standardised. */
    public double[] input(float[] pooled) {
        double[] d = new double[pooled.length];
        for (int i = 0; i < d.length; i++) d[i] = pooled[i];
        return input(d);
    }

    public double[] input(double[] pooled) {
        double[] x = new double[channels.length];
        for (int j = 0; j < channels.length; j++) {
            if (channels[j] >= pooled.length) {
                throw new BundleException("deep signature uses channel " + channels[j] + " but the backbone gives "
                        + pooled.length + " features");
            }
            x[j] = pooled[channels[j]];
        }
        return standardiser.apply(x);
    }

    public double score(float[] pooled) {
        return svm.probability(input(pooled));
    }

    public double score(double[] pooled) {
        return svm.probability(input(pooled));
    }
}
