package org.eusedge.explain;

import org.eusedge.model.SvmModel;

/** Which output of the SVM signature is explained. */
public enum SvmOutput {
    /** The decision value (the score before Platt scaling, like a logit). */
    DECISION,
    /** The Platt probability of the positive class. */
    PROBABILITY;

    double of(SvmModel svm, double decision) {
        return this == DECISION ? decision : svm.plattProbability(decision);
    }
}
