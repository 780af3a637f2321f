package org.eusedge.model;

import java.util.List;

/** The clinical signature: the selected clinical variables (raw units) -> z-score -> RBF SVM -> Platt probability. */
public record ClinicalSignature(String learner, List<String> variables, String selectionRule, Standardiser standardiser,
                                SvmModel svm) {

    public ClinicalSignature {
        variables = List.copyOf(variables);
        if (standardiser.dimension() != variables.size() || svm.dimension() != variables.size()) {
            throw new BundleException("clinical signature is inconsistent: " + variables.size() + " variables, "
                    + "standardiser of " + standardiser.dimension() + ", SVM of " + svm.dimension());
        }
    }

    public double score(double[] values) {
        return svm.probability(standardiser.apply(values));
    }
}
