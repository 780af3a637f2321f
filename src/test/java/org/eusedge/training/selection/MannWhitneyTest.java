package org.eusedge.training.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void tiesAndContinuityCorrectionByHand() {
        // pooled 1 2 2 2 3 -> ranks 1, 3, 3, 3, 5 (the three 2s share (2+3+4)/3 = 3)
        // R1 = 1 + 3 + 3 = 7, U1 = 7 - 3*4/2 = 1, U2 = 6 - 1 = 5, U = max = 5, mu = 3
        // tie term = 3^3 - 3 = 24; var = (3*2/12) * ((5+1) - 24/(5*4)) = 0.5 * 4.8 = 2.4
        // z = (5 - 3 - 0.5) / sqrt(2.4) = 0.968245836551854; p = erfc(z / sqrt 2) = 0.33292160806556603
        MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 2}, new double[] {2, 3});
        assertEquals(1.0, r.u1(), 0.0);
        assertEquals(0.33292160806556603, r.p(), 1e-13);
    }

    @Test
    void completeSeparationWithoutTiesByHand() {
        // R1 = 4+5+6 = 15, U1 = 15 - 6 = 9, mu = 4.5, var = 9/12 * 7 = 5.25
        // z = (9 - 4.5 - 0.5) / sqrt(5.25) = 1.7457431218879391, p = erfc(z / sqrt 2) = 0.0808555983700523
        MannWhitney.Result r = MannWhitney.test(new double[] {4, 5, 6}, new double[] {1, 2, 3});
        assertEquals(9.0, r.u1(), 0.0);
        assertEquals(0.0808555983700523, r.p(), 1e-13);
    }

    @Test
    void swappingTheGroupsMirrorsUAndKeepsP() {
        double[] a = {0.3, 1.7, 2.2, 2.2, 5.0, -1.0};
        double[] b = {0.1, 2.2, -0.4, 0.9};
        MannWhitney.Result ab = MannWhitney.test(a, b);
        MannWhitney.Result ba = MannWhitney.test(b, a);
        assertEquals(a.length * b.length - ab.u1(), ba.u1(), 0.0);
        assertEquals(ab.p(), ba.p(), 1e-15);
    }

    @Test
    void constantValuesGiveOne() {
        MannWhitney.Result r = MannWhitney.test(new double[] {2, 2}, new double[] {2, 2, 2});
        assertEquals(3.0, r.u1(), 0.0);   // every rank is 3: R1 = 6, U1 = 6 - 3
        assertEquals(1.0, r.p(), 0.0);
    }

    @Test
    void rejectsMissingValuesAndEmptyGroups() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> MannWhitney.test(new double[] {1, Double.NaN}, new double[] {2}));
        assertTrue(nan.getMessage().contains("first group[1] is NaN"), nan.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> MannWhitney.test(new double[] {1}, new double[0]));
        assertTrue(empty.getMessage().contains("second group is empty"), empty.getMessage());
    }
}
