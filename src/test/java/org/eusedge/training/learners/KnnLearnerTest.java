package org.eusedge.training.learners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eusedge.model.learned.ScoreModel;
import org.junit.jupiter.api.Test;

class KnnLearnerTest {

    @Test
    void handComputedNeighbourhood() {
        // 1-D rows 0..6 with labels 0 0 0 1 1 1 1; k = 3: the three nearest rows to 2.2 are 2, 3, 1 -> one positive
        double[][] x = {{0}, {1}, {2}, {3}, {4}, {5}, {6}};
        int[] y = {0, 0, 0, 1, 1, 1, 1};
        ScoreModel m = new KnnLearner(3).fit(x, y, 0);
        assertEquals(1.0 / 3, m.probability(new double[] {2.2}), 0);
        assertEquals(1.0, m.probability(new double[] {5.4}), 0);
        assertEquals(0.0, m.probability(new double[] {-3}), 0);
    }

    @Test
    void matchesTheReferenceScoresAndFoldStatisticsExactly() {
        // KNN is deterministic given the rows, so scikit-learn's scores are reproduced to the last bit
        ReferenceExample ex = ReferenceExample.load();
        LearnerComparison c = LearnerComparison.run(ex.xTrain(), ex.yTrain(), ex.folds(), ex.xTest(), ex.yTest(),
                List.of(new KnnLearner()), 0);
        LearnerResult r = c.result("KNN");
        assertArrayEquals(ex.scores("KNN", "train"), r.trainScores(), 1e-15);
        assertArrayEquals(ex.scores("KNN", "test"), r.testScores(), 1e-15);
        assertArrayEquals(ex.scores("KNN", "oof"), r.oof(), 1e-15);
        double[] refFolds = new double[5];
        for (int i = 0; i < 5; i++) refFolds[i] = ex.reference().path("models").path("KNN").path("auc_cv_folds").get(i).asDouble();
        assertArrayEquals(refFolds, r.aucCvFolds(), 1e-12);
        assertEquals(ex.modelNumber("KNN", "auc_cv_mean"), r.aucCvMean(), 1e-12);
        assertEquals(ex.modelNumber("KNN", "auc_cv_sd"), r.aucCvSd(), 1e-12);
        assertEquals(ex.modelNumber("KNN", "auc_oof"), r.aucOof(), 1e-12);
        assertEquals(ex.modelNumber("KNN", "auc_train"), r.aucTrain(), 1e-12);
        assertEquals(ex.modelNumber("KNN", "auc_test"), r.aucTest(), 1e-12);
        var ci = ex.reference().path("models").path("KNN").path("auc_test_ci_delong");
        assertEquals(ci.get(0).asDouble(), r.testCi().lo(), 1e-9);
        assertEquals(ci.get(1).asDouble(), r.testCi().hi(), 1e-9);
        assertTrue(r.ok());
    }

    @Test
    void refusesFewerRowsThanNeighbours() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new KnnLearner(5).fit(new double[][] {{0}, {1}, {2}}, new int[] {0, 1, 0}, 0));
        assertTrue(e.getMessage().contains("at least 5 rows"), e.getMessage());
    }
}
