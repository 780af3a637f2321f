package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BootstrapCalibrationTest {

    private static double[][] signatures() {
        double[] dl = Reference.scores("DL_sig", "train");
        double[] cl = Reference.scores("Clinic_sig", "train");
        double[][] x = new double[dl.length][];
        for (int i = 0; i < dl.length; i++) x[i] = new double[] {dl[i], cl[i]};
        return x;
    }

    @Test
    void apparentCurveAndBootstrapMaeAgreeWithRmsCalibrate() {
        BootstrapCalibration.Result r = BootstrapCalibration.of(signatures(), new String[] {"DL_sig", "Clinic_sig"},
                Reference.labels("train"), 1000, 0L);
        JsonNode ref = Reference.at("/calibration");
        JsonNode curve = ref.get("boot_curve");
        // deterministic part: predy and the apparent (lowess) curve; lrm and our Newton stop at slightly
        // different points (~1e-7 in the fitted probabilities), hence 1e-5
        assertArrayEquals(Reference.doubles(curve.get("predy")), r.predy(), 1e-5);
        assertArrayEquals(Reference.doubles(curve.get("calibrated_orig")), r.calibratedOrig(), 1e-5);
        assertEquals(ref.get("mae_apparent").asDouble(), r.maeApparent(), 1e-5);
        // bootstrap part: a different random generator, so only close (target 0.005)
        assertEquals(ref.get("mae_boot").asDouble(), r.maeBoot(), 0.005);
        assertEquals(ref.get("n_used").asInt(), r.nUsed(), 5);
        assertEquals(1000, r.resamples());
        assertTrue(r.failedResamples() < 200, "failed " + r.failedResamples());
        for (int k = 0; k < r.nSuccessful().length; k++) assertTrue(r.nSuccessful()[k] <= 1000 - r.failedResamples());
    }

    @Test
    void sameSeedSameCurve() {
        double[][] x = signatures();
        int[] y = Reference.labels("train");
        String[] names = {"DL_sig", "Clinic_sig"};
        BootstrapCalibration.Result a = BootstrapCalibration.of(x, names, y, 50, 7L);
        BootstrapCalibration.Result b = BootstrapCalibration.of(x, names, y, 50, 7L);
        assertArrayEquals(a.calibratedCorrected(), b.calibratedCorrected(), 0);
    }

    @Test
    void badInputIsExplained() {
        var few = assertThrows(IllegalArgumentException.class, () -> BootstrapCalibration.of(
                new double[][] {{1}, {2}, {3}, {4}, {5}, {6}}, new String[] {"a"}, new int[] {0, 1, 0, 1, 1, 0}, 10, 0));
        assertTrue(few.getMessage().contains("more than 10 cases"), few.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> BootstrapCalibration.of(
                signatures(), new String[] {"DL_sig", "Clinic_sig"}, Reference.labels("train"), 0, 0));
        assertTrue(b.getMessage().contains("at least 1 bootstrap"), b.getMessage());
    }
}
