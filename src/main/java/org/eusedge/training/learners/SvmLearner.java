package org.eusedge.training.learners;

import org.eusedge.model.learned.ScoreModel;
import org.eusedge.model.learned.SvmScore;
import org.eusedge.training.SvmTrainer;

/** scikit-learn's SVC(kernel='rbf', C=1, gamma='scale', probability=True) through LIBSVM ({@link SvmTrainer}). */
public final class SvmLearner implements Learner {
    @Override
    public String name() {
        return "SVM";
    }

    @Override
    public ScoreModel fit(double[][] x, int[] y, long seed) {
        TrainingRows.check(x, y, name());
        return new SvmScore(SvmTrainer.defaults(seed).fit(x, y));
    }
}
