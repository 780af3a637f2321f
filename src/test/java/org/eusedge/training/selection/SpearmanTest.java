package org.eusedge.training.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpearmanTest {

    @Test
    void averageRanksForTiesByHand() {
        // ranks of b: 5 -> 1, 6 -> 2, the two 7s -> 3.5, 8 -> 5; deviations from 3: a -2 -1 0 1 2, b -2 -1 .5 2 .5
        // cov sum = 4 + 1 + 0 + 2 + 1 = 8, ss_a = 10, ss_b = 9.5, rho = 8 / sqrt(95)
        assertEquals(8 / Math.sqrt(95), Spearman.rho(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}), 1e-15);
    }

    @Test
    void monotoneTransformsGiveOneOrMinusOne() {
        double[] a = {0.5, -1.2, 3.3, 2.0, 0.0, 7.1};
        double[] exp = new double[a.length];
        double[] neg = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            exp[i] = Math.exp(a[i]);
            neg[i] = -a[i] * a[i] * a[i];
        }
        assertEquals(1.0, Spearman.rho(a, exp), 1e-15);
        assertEquals(-1.0, Spearman.rho(a, neg), 1e-15);
    }

    @Test
    void rejectsUnpairedInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Spearman.rho(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("3 and 2"), e.getMessage());
    }
}
