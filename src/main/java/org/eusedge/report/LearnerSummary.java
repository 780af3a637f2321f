package org.eusedge.report;

import java.util.Objects;

/**
 * What the report needs of one learner of the comparison: its per-fold CV AUCs and its score vectors. A learner
 * that could not run (for example LightGBM where its natives are missing) is {@link #skipped} with the reason.
 *
 * @param name      the reference harness's name (RandomForest, LR, LightGBM, XGBoost, KNN, SVM, ExtraTrees, MLP)
 * @param cvFoldAuc AUC of each of the 5 CV folds on train
 * @param oof       out-of-fold score of every train case (train order)
 * @param train     score of every train case from the model fitted on all train (resubstitution)
 * @param test      score of every test case from that model (empty when there is no test split)
 * @param status    "ok", or why the learner was skipped
 */
public record LearnerSummary(String name, double[] cvFoldAuc, double[] oof, double[] train, double[] test, String status) {
    public static final String OK = "ok";

    public LearnerSummary {
        Objects.requireNonNull(name, "learner name");
        Objects.requireNonNull(status, "learner status");
        if (OK.equals(status) && (cvFoldAuc == null || oof == null || train == null || test == null)) {
            throw new IllegalArgumentException("learner " + name + " has status ok but lacks CV AUCs or score vectors: "
                    + "pass all four arrays, or use LearnerSummary.skipped(name, reason)");
        }
    }

    public static LearnerSummary skipped(String name, String reason) {
        return new LearnerSummary(name, null, null, null, null, "skipped: " + reason);
    }

    public boolean ran() {
        return OK.equals(status);
    }
}
