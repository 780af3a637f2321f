package org.eusedge.training;

import libsvm.svm_model;
import org.eusedge.model.BundleJson;
import org.eusedge.model.SvmModel;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvmTrainerTest {

    /** Standardised columns of the reference example's first 20 features, train rows. */
    private static double[][] x;
    private static int[] y;

    static {
        FeatureTable t = FeatureTable.readCsv(SharedData.path("reference/example/synthetic_seed1.csv"), List.of());
        int[] train = ModelFitter.rows(t, "train");
        int[] cols = new int[20];
        for (int j = 0; j < cols.length; j++) cols[j] = j;
        double[][] raw = ModelFitter.columns(ModelFitter.pick(t.features(), train), cols);
        x = org.eusedge.model.Standardiser.fit(raw).apply(raw);
        y = ModelFitter.pick(t.labels(), train);
    }

    @Test
    void exportedModelReproducesLibsvmDecisionValuesAndProbabilities() throws Exception {
        for (boolean firstRowPositive : new boolean[] {true, false}) {
            // LIBSVM orients its decision towards the first row's label: try both orders
            int first = indexOf(y, firstRowPositive ? 1 : 0);
            double[][] xs = x.clone();
            int[] ys = y.clone();
            swap(xs, ys, 0, first);
            SvmTrainer trainer = SvmTrainer.defaults(0);
            svm_model native_ = trainer.fitLibsvm(xs, ys);
            SvmModel exported = SvmTrainer.export(native_, xs[0].length);
            // through the bundle's JSON, as the appliance reads it
            SvmModel reloaded = BundleJson.MAPPER.readValue(BundleJson.MAPPER.writeValueAsString(exported), SvmModel.class);
            for (double[] row : xs) {
                double[] expected = SvmTrainer.libsvmDecisionAndProbability(native_, row);
                assertEquals(expected[0], reloaded.decision(row), 1e-9);
                assertEquals(expected[1], reloaded.probability(row), 1e-9);
            }
        }
    }

    @Test
    void positiveDecisionFavoursThePositiveClass() {
        SvmModel m = SvmTrainer.defaults(0).fit(x, y);
        double meanPos = 0, meanNeg = 0;
        int nPos = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] == 1) { meanPos += m.probability(x[i]); nPos++; } else meanNeg += m.probability(x[i]);
        }
        assertTrue(meanPos / nPos > meanNeg / (x.length - nPos), "positive rows must score higher on average");
    }

    @Test
    void sameSeedSameModel() {
        SvmModel a = SvmTrainer.defaults(7).fit(x, y);
        SvmModel b = SvmTrainer.defaults(7).fit(x, y);
        assertEquals(a.plattA(), b.plattA(), 0);
        assertEquals(a.plattB(), b.plattB(), 0);
        assertArrayEquals(a.dualCoef(), b.dualCoef(), 0);
    }

    @Test
    void gammaScaleIsScikitLearns() {
        // X = [[0, 2], [2, 4]]: mean 2, variance of all four values (4+0+0+4)/4 = 2 -> gamma = 1 / (2 * 2) = 0.25
        assertEquals(0.25, SvmTrainer.scaleGamma(new double[][] {{0, 2}, {2, 4}}), 1e-15);
    }

    @Test
    void oneClassIsRefused() {
        double[][] rows = new double[10][2];
        var e = assertThrows(IllegalArgumentException.class, () -> SvmTrainer.defaults(0).fit(rows, new int[10]));
        assertTrue(e.getMessage().contains("both classes"), e.getMessage());
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        throw new AssertionError();
    }

    private static void swap(double[][] xs, int[] ys, int i, int j) {
        double[] t = xs[i]; xs[i] = xs[j]; xs[j] = t;
        int u = ys[i]; ys[i] = ys[j]; ys[j] = u;
    }
}
