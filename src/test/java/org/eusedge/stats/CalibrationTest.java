package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void lowessOfAStraightLineIsTheLine() {
        double[] x = {5, 1, 3, 2, 4, 6, 8, 7, 9, 10};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = 2 * x[i] - 1;
        Lowess sm = Lowess.smooth(x, y);
        for (int i = 0; i < x.length; i++) {
            assertEquals(i + 1, sm.x()[i], 0, "x sorted");
            assertEquals(2 * (i + 1) - 1, sm.y()[i], 1e-12, "local linear fits reproduce a line");
        }
    }

    @Test
    void lowessMatchesRForTheReferenceNomogram() {
        for (String set : List.of("train", "test")) {
            JsonNode curve = Reference.at("/calibration/" + set + "/lowess_curve");
            Lowess sm = Lowess.smooth(Reference.scores("Nomogram", set), Calibration.toDouble(Reference.labels(set)));
            assertArrayEquals(Reference.doubles(curve.get("x")), sm.x(), 1e-9, set);
            assertArrayEquals(Reference.doubles(curve.get("y")), sm.y(), 1e-6, set);
        }
    }

    @Test
    void smoothedErrorsMatchRmsValProb() {
        for (String set : List.of("train", "test")) {
            JsonNode ref = Reference.at("/calibration/" + set);
            Calibration.SmoothedError e = Calibration.smoothedError(Reference.scores("Nomogram", set), Reference.labels(set));
            assertEquals(ref.get("mae_lowess").asDouble(), e.eavg(), 1e-6, set);
            assertEquals(ref.get("max_error_lowess").asDouble(), e.emax(), 1e-6, set);
            assertEquals(ref.get("q90_error_lowess").asDouble(), e.e90(), 1e-6, set);
        }
    }

    @Test
    void brierAndLogisticRecalibrationMatchValProb() {
        for (String set : List.of("train", "test")) {
            JsonNode ref = Reference.at("/calibration/" + set);
            double[] p = Reference.scores("Nomogram", set);
            int[] y = Reference.labels(set);
            assertEquals(ref.get("brier").asDouble(), Calibration.brier(p, y), 1e-12, set);
            var fit = org.junit.jupiter.api.Assertions.assertInstanceOf(LogisticFit.Fitted.class, Calibration.recalibration(p, y));
            assertEquals(ref.get("intercept").asDouble(), fit.term(LogisticFit.INTERCEPT).coef(), 1e-5, set);
            assertEquals(ref.get("slope").asDouble(), fit.term("logit").coef(), 1e-5, set);
        }
        assertEquals(0.25, Calibration.brier(new double[] {0.5, 0.5}, new int[] {0, 1}), 0);
    }

    @Test
    void binnedCalibrationMatchesSklearn() {
        for (String set : List.of("train", "test")) {
            JsonNode ref = Reference.at("/calibration/" + set + "/binned_quantile10");
            Calibration.Binned b = Calibration.binned(Reference.scores("Nomogram", set), Reference.labels(set), 10);
            assertArrayEquals(Reference.ints(ref.get("bin_counts")), b.counts(), set);
            assertArrayEquals(Reference.doubles(ref.get("prob_pred")), b.probPred(), 1e-12, set);
            assertArrayEquals(Reference.doubles(ref.get("prob_true")), b.probTrue(), 1e-12, set);
            assertEquals(ref.get("mae_binned").asDouble(), b.maeBinned(), 1e-12, set);
            assertEquals(ref.get("ece_weighted").asDouble(), b.eceWeighted(), 1e-12, set);
        }
    }

    @Test
    void binnedByHand() {
        // 4 cases, 2 bins: median edge = 0.5 (between 0.4 and 0.6); bin 0 = {0.2, 0.4}, bin 1 = {0.6, 0.8}
        Calibration.Binned b = Calibration.binned(new double[] {0.2, 0.6, 0.4, 0.8}, new int[] {0, 1, 1, 1}, 2);
        assertArrayEquals(new int[] {2, 2}, b.counts());
        assertArrayEquals(new double[] {0.3, 0.7}, b.probPred(), 1e-15);
        assertArrayEquals(new double[] {0.5, 1.0}, b.probTrue(), 1e-15);
        assertEquals((0.2 + 0.3) / 2, b.maeBinned(), 1e-15);
    }

    @Test
    void badInputIsExplained() {
        var range = assertThrows(IllegalArgumentException.class,
                () -> Calibration.smoothedError(new double[] {0.2, 1.2}, new int[] {0, 1}));
        assertTrue(range.getMessage().contains("[1] is 1.2"), range.getMessage());
        var len = assertThrows(IllegalArgumentException.class,
                () -> Lowess.smooth(new double[] {1, 2}, new double[] {1}));
        assertTrue(len.getMessage().contains("same length"), len.getMessage());
    }
}
