package org.eusedge.training.learners;

import java.util.Optional;
import org.eusedge.model.learned.ScoreModel;

/** A training procedure for a binary classifier whose result is a plain {@link ScoreModel}. */
public interface Learner {

    /** The reference harness's key: SVM, LR, RandomForest, ExtraTrees, KNN, MLP, XGBoost or LightGBM. */
    String name();

    /** Fits on rows x with labels y (1 = positive class, 0 = negative); the same seed gives the same model. */
    ScoreModel fit(double[][] x, int[] y, long seed);

    /** Why this learner cannot run on this machine (e.g. missing natives), or empty when it can. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }
}
