package org.eusedge.training.learners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eusedge.model.learned.LinearLogistic;
import org.junit.jupiter.api.Test;

class LogisticLearnerTest {

    @Test
    void solutionSatisfiesThePenalisedScoreEquations() {
        // at the optimum of 0.5|w|^2 + C sum logloss: sum(p - y) = 0 and w_j = -C sum (p_i - y_i) x_ij
        ReferenceExample ex = ReferenceExample.load();
        LinearLogistic m = (LinearLogistic) new LogisticLearner(1.0).fit(ex.xTrain(), ex.yTrain(), 0);
        double[] w = m.coefficients();
        double interceptScore = 0;
        double[] score = new double[w.length];
        for (int i = 0; i < ex.xTrain().length; i++) {
            double r = m.probability(ex.xTrain()[i]) - ex.yTrain()[i];
            interceptScore += r;
            for (int j = 0; j < w.length; j++) score[j] += r * ex.xTrain()[i][j];
        }
        assertEquals(0, interceptScore, 1e-8);
        for (int j = 0; j < w.length; j++) assertEquals(w[j], -score[j], 1e-8, "coefficient " + j);
    }

    @Test
    void matchesScikitLearnScores() {
        // scikit-learn stops L-BFGS at a gradient tolerance of 1e-4, so its scores agree with the exact optimum to ~1e-4
        ReferenceExample ex = ReferenceExample.load();
        LearnerResult r = LearnerComparison.run(ex.xTrain(), ex.yTrain(), ex.folds(), ex.xTest(), ex.yTest(),
                List.of(new LogisticLearner()), 0).result("LR");
        assertArrayEquals(ex.scores("LR", "train"), r.trainScores(), 1e-4);
        assertArrayEquals(ex.scores("LR", "test"), r.testScores(), 1e-4);
        assertArrayEquals(ex.scores("LR", "oof"), r.oof(), 1e-4);
        assertEquals(ex.modelNumber("LR", "auc_cv_mean"), r.aucCvMean(), 1e-3);
        assertEquals(ex.modelNumber("LR", "auc_test"), r.aucTest(), 1e-3);
    }

    @Test
    void refusesNonFiniteFeatures() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LogisticLearner().fit(
                new double[][] {{0}, {Double.NaN}, {2}}, new int[] {0, 1, 1}, 0));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("impute"), e.getMessage());
    }
}
