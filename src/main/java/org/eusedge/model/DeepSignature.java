package org.eusedge.model;

import org.eusedge.model.learned.ScoreModel;
import org.eusedge.model.learned.SvmScore;

import java.util.List;
import java.util.Optional;

/**
 * The deep-learning signature: pooled backbone features -> the selected channels -> z-score -> the chosen learner's
 * model (an RBF SVM with Platt probabilities in the study) -> probability of the positive class.
 */
public record DeepSignature(String learner, List<String> features, int[] channels, Standardiser standardiser,
                            ScoreModel model) {

    public DeepSignature {
        features = List.copyOf(features);
        if (channels.length != features.size() || standardiser.dimension() != features.size()
                || model.dimension() != features.size()) {
            throw new BundleException("deep signature is inconsistent: " + features.size() + " features, "
                    + channels.length + " channels, standardiser of " + standardiser.dimension()
                    + ", model of " + model.dimension());
        }
    }

    /** The SVM's input for one crop: selected pooled features, standardised. */
    /** The SVM when the learner is one (Grad-CAM's analytic gradient and SHAP's fast path need it). */
    public Optional<SvmModel> svm() {
        return model instanceof SvmScore s ? Optional.of(s.svm()) : Optional.empty();
    }

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
        return model.probability(input(pooled));
    }

    public double score(double[] pooled) {
        return model.probability(input(pooled));
    }
}
