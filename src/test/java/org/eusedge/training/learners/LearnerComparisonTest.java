package org.eusedge.training.learners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eusedge.stats.Auc;
import org.junit.jupiter.api.Test;

class LearnerComparisonTest {

    @Test
    void allEightAtTheRealDefaults() {
        ReferenceExample ex = ReferenceExample.load();
        LearnerComparison c = LearnerComparison.run(ex.xTrain(), ex.yTrain(), ex.folds(), ex.xTest(), ex.yTest(),
                Learners.defaults(), 0);
        assertEquals(Learners.ORDER, c.results().stream().map(LearnerResult::name).toList());
        for (LearnerResult r : c.results()) {
            if (!r.ok()) {
                assertEquals("LightGBM", r.name(), "only LightGBM may be missing natives");
                continue;
            }
            double mean = 0;
            for (double a : r.aucCvFolds()) mean += a;
            mean /= 5;
            double ss = 0;
            for (double a : r.aucCvFolds()) ss += (a - mean) * (a - mean);
            assertEquals(mean, r.aucCvMean(), 1e-12, r.name());
            assertEquals(Math.sqrt(ss / 4), r.aucCvSd(), 1e-12, r.name() + " SD with ddof 1");
            assertEquals(Auc.of(r.testScores(), ex.yTest()), r.aucTest(), 1e-12, r.name());
            assertEquals(r.aucTest(), r.testCi().auc(), 1e-12, r.name());
            assertTrue(r.testCi().lo() < r.aucTest() && r.aucTest() < r.testCi().hi(), r.name());
            assertEquals(ex.xTrain().length, r.oof().length);
        }
        // the reference picks MLP (0.987); ours (another random generator) lands within a few thousandths of SVM's
        // 0.983, which we reproduce exactly: the winner is one of the two
        String best = c.best().name();
        assertTrue(best.equals("SVM") || best.equals("MLP"), best);
        assertEquals("LR", c.best("LR").name());
    }

    @Test
    void tiesGoToTheEarlierLearnerInTheReferenceOrder() {
        LearnerComparison c = LearnerComparison.of(List.of(result("XGBoost", 0.9), result("KNN", 0.9),
                result("LR", 0.85), LearnerResult.skipped("LightGBM", "no natives")));
        assertEquals("KNN", c.best().name());
        var e = assertThrows(IllegalArgumentException.class, () -> c.best("LightGBM"));
        assertTrue(e.getMessage().contains("skipped (no natives)"), e.getMessage());
        assertNull(c.result("LightGBM").model());
    }

    @Test
    void foldsWithoutBothClassesAreRefused() {
        double[][] x = {{0}, {1}, {2}, {3}, {4}, {5}};
        int[] y = {0, 0, 0, 1, 1, 1};
        int[] folds = {1, 1, 1, 2, 2, 2};
        var e = assertThrows(IllegalArgumentException.class, () -> LearnerComparison.run(x, y, folds, x, y,
                List.of(new LogisticLearner()), 0));
        assertTrue(e.getMessage().contains("fold 1 lacks a class") && e.getMessage().contains("stratified"), e.getMessage());
    }

    private static LearnerResult result(String name, double cvMean) {
        return new LearnerResult(name, LearnerResult.Status.OK, null, new double[] {cvMean}, cvMean, 0, null,
                Double.NaN, null, null, null, Double.NaN, Double.NaN, null, null);
    }
}
