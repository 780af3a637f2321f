package org.eusedge.training.learners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eusedge.model.learned.Perceptron;
import org.eusedge.model.learned.ScoreModel;
import org.junit.jupiter.api.Test;

class MlpLearnerTest {

    @Test
    void learnsXor() {
        // XOR needs the hidden layer: a linear model cannot exceed 0.5 on two of the four corners
        double[][] x = new double[40][];
        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            int a = i % 2, b = (i / 2) % 2;
            x[i] = new double[] {a * 2 - 1 + 0.01 * (i % 5), b * 2 - 1 - 0.01 * (i % 3)};
            y[i] = a ^ b;
        }
        ScoreModel m = new MlpLearner(100, 200).fit(x, y, 0);
        for (int i = 0; i < 4; i++) {
            double p = m.probability(x[i]);
            assertTrue(y[i] == 1 ? p > 0.6 : p < 0.4, "corner " + i + " p=" + p);
        }
    }

    @Test
    void seededAndShapedAsConfigured() {
        ReferenceExample ex = ReferenceExample.load();
        Perceptron a = (Perceptron) new MlpLearner(10, 20).fit(ex.xTrain(), ex.yTrain(), 5);
        Perceptron b = (Perceptron) new MlpLearner(10, 20).fit(ex.xTrain(), ex.yTrain(), 5);
        assertEquals(ex.xTrain()[0].length, a.dimension());
        assertEquals(10, a.hiddenBias().length);
        for (double[] row : ex.xTest()) assertEquals(a.probability(row), b.probability(row), 0);
    }

    @Test
    void cvAucIsInTheReferenceBand() {
        // Initial weights and epoch shuffles come from another random generator than scikit-learn's: compare loosely
        ReferenceExample ex = ReferenceExample.load();
        LearnerResult r = LearnerComparison.run(ex.xTrain(), ex.yTrain(), ex.folds(), ex.xTest(), ex.yTest(),
                List.of(new MlpLearner()), 0).result("MLP");
        assertEquals(ex.modelNumber("MLP", "auc_cv_mean"), r.aucCvMean(), 0.02);
        assertEquals(ex.modelNumber("MLP", "auc_test"), r.aucTest(), 0.06);
        assertEquals(1.0, r.aucTrain(), 1e-9);
    }
}
