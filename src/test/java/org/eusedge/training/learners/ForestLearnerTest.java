package org.eusedge.training.learners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eusedge.model.learned.ScoreModel;
import org.eusedge.model.learned.TreeEnsemble;
import org.junit.jupiter.api.Test;

class ForestLearnerTest {
    private static final double[][] LINE = {{0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}};
    private static final int[] STEP = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};

    @Test
    void fullyGrownExtraTreesReproduceDistinctTrainingRows() {
        // no bootstrap and leaves grown until pure: every tree puts each distinct training row in a leaf of its class
        double[][] x = {{0.1, 5}, {0.4, 2}, {0.35, 8}, {0.8, 1}, {0.2, 7}, {0.9, 3}, {0.6, 6}, {0.7, 4}};
        int[] y = {0, 1, 0, 1, 0, 1, 1, 0};
        ScoreModel m = ForestLearner.extraTrees(25).fit(x, y, 3);
        for (int i = 0; i < x.length; i++) assertEquals(y[i], m.probability(x[i]), 0, "row " + i);
    }

    @Test
    void forestOnASeparableLineIsCertainAtTheEnds() {
        // any tree's split on a bootstrap of a step function lies between a 0-row and a 1-row, so 0 and 9 are certain
        ScoreModel m = ForestLearner.randomForest(50).fit(LINE, STEP, 1);
        assertEquals(0, m.probability(new double[] {0}), 0);
        assertEquals(1, m.probability(new double[] {9}), 0);
        assertEquals(50, ((TreeEnsemble) m).trees().size());
    }

    @Test
    void sameSeedSameForestOtherSeedOtherForest() {
        ReferenceExample ex = ReferenceExample.load();
        ScoreModel a = ForestLearner.randomForest(10).fit(ex.xTrain(), ex.yTrain(), 7);
        ScoreModel b = ForestLearner.randomForest(10).fit(ex.xTrain(), ex.yTrain(), 7);
        ScoreModel c = ForestLearner.randomForest(10).fit(ex.xTrain(), ex.yTrain(), 8);
        for (double[] row : ex.xTest()) assertEquals(a.probability(row), b.probability(row), 0);
        boolean differs = false;
        for (double[] row : ex.xTest()) differs |= a.probability(row) != c.probability(row);
        assertTrue(differs, "another seed should grow other trees");
    }

    @Test
    void cvAucsAreInTheReferenceBand() {
        // scikit-learn's random generator cannot be reproduced, so the trees differ: compare the AUCs loosely
        ReferenceExample ex = ReferenceExample.load();
        LearnerComparison c = LearnerComparison.run(ex.xTrain(), ex.yTrain(), ex.folds(), ex.xTest(), ex.yTest(),
                List.of(ForestLearner.randomForest(100), ForestLearner.extraTrees(100)), 0);
        for (String name : List.of("RandomForest", "ExtraTrees")) {
            LearnerResult r = c.result(name);
            assertEquals(ex.modelNumber(name, "auc_cv_mean"), r.aucCvMean(), 0.03, name + " CV AUC");
            assertEquals(ex.modelNumber(name, "auc_test"), r.aucTest(), 0.05, name + " test AUC");
            assertEquals(1.0, r.aucTrain(), 1e-9, name + " fully grown trees separate their own rows");
        }
        assertNotEquals(c.result("RandomForest").aucCvMean(), c.result("ExtraTrees").aucCvMean());
    }
}
