package org.eusedge.training.learners;

import java.util.Objects;
import org.eusedge.model.learned.ScoreModel;
import org.eusedge.stats.DeLong;

/**
 * One learner's row of the comparison. For a skipped learner only name, status and skipReason are set (numbers NaN,
 * arrays and model null). Score vectors follow the row order of the inputs; oof = out-of-fold scores of the train
 * rows. aucTest and testCi are NaN/null when there were no test rows (or too few for DeLong).
 */
public record LearnerResult(
        String name,
        Status status,
        String skipReason,
        double[] aucCvFolds,
        double aucCvMean,
        double aucCvSd,
        double[] oof,
        double aucOof,
        ScoreModel model,
        double[] trainScores,
        double[] testScores,
        double aucTrain,
        double aucTest,
        DeLong.Ci trainCi,
        DeLong.Ci testCi) {

    public enum Status { OK, SKIPPED }

    public LearnerResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    static LearnerResult skipped(String name, String reason) {
        return new LearnerResult(name, Status.SKIPPED, reason, null, Double.NaN, Double.NaN, null, Double.NaN, null,
                null, null, Double.NaN, Double.NaN, null, null);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
