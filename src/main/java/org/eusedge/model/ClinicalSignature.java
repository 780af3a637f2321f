package org.eusedge.model;

import org.eusedge.model.learned.ScoreModel;

import java.util.List;

/** The clinical signature: the selected clinical variables (raw units) -> z-score -> the learner's probability. */
public record ClinicalSignature(String learner, List<String> variables, String selectionRule, Standardiser standardiser,
                                ScoreModel model) {

    public ClinicalSignature {
        variables = List.copyOf(variables);
        if (standardiser.dimension() != variables.size() || model.dimension() != variables.size()) {
            throw new BundleException("clinical signature is inconsistent: " + variables.size() + " variables, "
                    + "standardiser of " + standardiser.dimension() + ", model of " + model.dimension());
        }
    }

    public double score(double[] values) {
        return model.probability(standardiser.apply(values));
    }
}
