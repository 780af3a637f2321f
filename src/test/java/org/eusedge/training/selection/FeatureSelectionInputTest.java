package org.eusedge.training.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Selection on small hand-made tables: the LASSO fallback and the messages for bad input. */
class FeatureSelectionInputTest {

    private static final String[] ONE = {"f0"};

    /** 20 rows: label 1 at x = 11..20, label 0 at x = 0..8 and one label-0 outlier at x = 100. */
    private static double[][] outlierTable(int[] y) {
        double[][] x = new double[20][1];
        for (int i = 0; i < 20; i++) {
            y[i] = i < 10 ? 1 : 0;
            x[i][0] = i < 10 ? 11 + i : i - 10;
        }
        x[19][0] = 100;
        return x;
    }

    private static int[] roundRobinFolds(int n, int k) {
        int[] folds = new int[n];
        for (int i = 0; i < n; i++) folds[i] = i % k + 1;
        return folds;
    }

    @Test
    void whenLassoKeepsNothingTheSpearmanKeptFeaturesAreUsed() {
        int[] y = new int[20];
        double[][] x = outlierTable(y);
        SelectionResult r = FeatureSelection.run(x, y, ONE, roundRobinFolds(20, 5));
        // ranks: the outlier beats all 10 positives, the other 9 negatives lose to all: U1 = 90 of 100
        assertEquals(90.0, r.mwuU()[0], 0.0);
        assertTrue(r.mwuP()[0] < 0.05);
        assertEquals(List.of("f0"), r.spearmanKept());
        // The outlier ruins any slope out of fold: CV picks the largest alpha, alpha_max = |x_c'y_c| / n,
        // where every coefficient is zero by definition.
        double[] z = new double[20];
        for (int i = 0; i < 20; i++) z[i] = r.standardiser().apply(x[i])[0];
        double xy = 0;
        for (int i = 0; i < 20; i++) xy += z[i] * (y[i] - 0.5);
        assertEquals(Math.abs(xy) / 20, r.lasso().alpha(), 1e-12);
        assertEquals(List.of(), r.lassoKept());
        assertEquals(ModelFeatureSource.SPEARMAN_FALLBACK, r.modelFeaturesSource());
        assertEquals("spearman_kept", r.modelFeaturesSource().referenceKey());
        assertEquals(List.of("f0"), r.modelFeatures());
    }

    @Test
    void noFeaturePassingMannWhitneyIsReported() {
        double[][] x = new double[12][2];
        int[] y = new int[12];
        for (int i = 0; i < 12; i++) {
            y[i] = i % 2;
            x[i][0] = 7.5;          // constant: p = 1
            x[i][1] = i / 2;        // each pair (0, 1) shares a value: U1 = n1 n0 / 2, p = 1
        }
        NoFeatureSelectedException e = assertThrows(NoFeatureSelectedException.class,
                () -> FeatureSelection.run(x, y, new String[] {"a", "b"}, roundRobinFolds(12, 3)));
        assertTrue(e.getMessage().contains("no deep feature separates the classes"), e.getMessage());
    }

    @Test
    void mismatchedLengthsAreRejected() {
        int[] y = new int[20];
        double[][] x = outlierTable(y);
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelection.run(x, new int[19], ONE, roundRobinFolds(20, 5)));
        assertTrue(labels.getMessage().contains("got 19 labels for 20 rows"), labels.getMessage());
        IllegalArgumentException folds = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelection.run(x, y, ONE, roundRobinFolds(18, 5)));
        assertTrue(folds.getMessage().contains("got 18 LASSO fold ids for 20 train rows"), folds.getMessage());
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelection.run(x, y, new String[] {"f0", "f1"}, roundRobinFolds(20, 5)));
        assertTrue(names.getMessage().contains("row 0 has 1 values but 2 were expected"), names.getMessage());
    }

    @Test
    void missingValuesAreRejected() {
        int[] y = new int[20];
        double[][] x = outlierTable(y);
        x[4][0] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelection.run(x, y, ONE, roundRobinFolds(20, 5)));
        assertTrue(e.getMessage().contains("train feature table row 4 column 0 is NaN"), e.getMessage());
    }

    @Test
    void aSingleClassOrAForeignLabelIsRejected() {
        int[] y = new int[20];
        double[][] x = outlierTable(y);
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelection.run(x, new int[20], ONE, roundRobinFolds(20, 5)));
        assertTrue(single.getMessage().contains("all 20 rows have label 0")
                && single.getMessage().contains("needs both classes"), single.getMessage());
        y[3] = 2;
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelection.run(x, y, ONE, roundRobinFolds(20, 5)));
        assertTrue(foreign.getMessage().contains("label of row 3 is 2"), foreign.getMessage());
    }
}
