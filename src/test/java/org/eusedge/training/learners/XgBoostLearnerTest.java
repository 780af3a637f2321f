package org.eusedge.training.learners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import org.eusedge.model.learned.TreeEnsemble;
import org.junit.jupiter.api.Test;

class XgBoostLearnerTest {

    @Test
    void exportedTreesReproduceTheLibraryPredictions() {
        ReferenceExample ex = ReferenceExample.load();
        XgBoostLearner learner = new XgBoostLearner();
        Booster booster = learner.train(ex.xTrain(), ex.yTrain(), 0);
        try {
            TreeEnsemble exported = XgBoostLearner.export(booster, ex.xTrain()[0].length);
            assertEquals(100, exported.trees().size());
            assertEquals(0.0, exported.baseMargin(), 1e-12, "base_score 0.5 is margin 0");
            assertArrayEquals(XgBoostLearner.libraryProbabilities(booster, ex.xTest()), exported.probabilities(ex.xTest()), 1e-6);
            assertArrayEquals(XgBoostLearner.libraryProbabilities(booster, ex.xTrain()), exported.probabilities(ex.xTrain()), 1e-6);
        } finally {
            booster.dispose();
        }
    }

    @Test
    void aucsMatchTheReference() {
        // exact greedy boosting without subsampling is deterministic: the AUCs agree with XGBoost 1.7.4's up to
        // version differences in floating-point order
        ReferenceExample ex = ReferenceExample.load();
        LearnerResult r = LearnerComparison.run(ex.xTrain(), ex.yTrain(), ex.folds(), ex.xTest(), ex.yTest(),
                List.of(new XgBoostLearner()), 0).result("XGBoost");
        assertEquals(ex.modelNumber("XGBoost", "auc_cv_mean"), r.aucCvMean(), 5e-3);
        assertEquals(ex.modelNumber("XGBoost", "auc_test"), r.aucTest(), 5e-3);
    }

    @Test
    void baseScoreIsReadInBothNotations() {
        assertEquals(0.5, XgBoostLearner.parseBaseScore("5E-1"), 0);
        assertEquals(0.61827957, XgBoostLearner.parseBaseScore("[6.1827957E-1]"), 0);
        var e = assertThrows(IllegalStateException.class, () -> XgBoostLearner.parseBaseScore("1.5"));
        assertTrue(e.getMessage().contains("not a probability"), e.getMessage());
    }
}
