package org.eusedge.inference.quant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantFidelityTest {

    @Test
    void relativeErrorAndCentredCosineByHand() {
        float[][] fp32 = {{3, 4}, {1, 0}};
        float[][] int8 = {{3, 4.5f}, {1, 0}};
        QuantFidelity f = QuantFidelity.compare(fp32, int8);
        // Row 0: ||(0, 0.5)|| / ||(3, 4)|| = 0.5 / 5 = 0.1; row 1: 0.
        assertEquals(0.1, f.maxRelativeError(), 1e-7);
        assertEquals(0.05, f.medianRelativeError(), 1e-7);
        // FP32 mean (2, 2). Row 0: (1, 2) vs (1, 2.5): 6 / sqrt(5 * 7.25); row 1: (-1, -2) vs (-1, -2): 1.
        double cos0 = 6 / Math.sqrt(5 * 7.25);
        assertEquals(cos0, f.minCenteredCosine(), 1e-7);
        assertEquals((cos0 + 1) / 2, f.medianCenteredCosine(), 1e-7);
        assertEquals(2, f.cases());
    }

    @Test
    void gatesAreInclusiveLimits() {
        QuantFidelity f = new QuantFidelity(20, 0.02, 0.05, 0.99, 0.9);
        assertTrue(f.passes(QuantFidelity.Gates.DEFAULT));
        assertFalse(new QuantFidelity(20, 0.021, 0.03, 0.99, 0.9).passes(QuantFidelity.Gates.DEFAULT));
        assertFalse(new QuantFidelity(20, 0.01, 0.051, 0.99, 0.9).passes(QuantFidelity.Gates.DEFAULT));
    }

    @Test
    void tooFewOrMismatchedRowsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> QuantFidelity.compare(new float[][]{{1}}, new float[][]{{1}}));
        assertThrows(IllegalArgumentException.class,
                () -> QuantFidelity.compare(new float[][]{{1}, {2}}, new float[][]{{1}, {2}, {3}}));
    }
}
