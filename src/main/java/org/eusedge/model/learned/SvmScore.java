package org.eusedge.model.learned;

import java.util.Objects;
import org.eusedge.model.SvmModel;

/** The RBF SVM with Platt probabilities ({@link SvmModel}) as a {@link ScoreModel}. */
public record SvmScore(SvmModel svm) implements ScoreModel {

    public SvmScore {
        Objects.requireNonNull(svm, "svm");
    }

    @Override
    public double probability(double[] x) {
        checkWidth(x);
        return svm.probability(x);
    }

    @Override
    public int dimension() {
        return svm.dimension();
    }
}
