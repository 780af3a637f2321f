package org.eusedge.training.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpearmanFilterTest {

    // Three rank vectors (no ties, so rho = 1 - 6 sum d^2 / (n (n^2 - 1)), n (n^2 - 1) = 990):
    // A-B: sum d^2 = 8  -> rho = 0.95151...; B-C: 16 -> 0.90303...; A-C: 20 -> 0.87878... (not over 0.9)
    private static final double[] A = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    private static final double[] B = {2, 1, 4, 3, 6, 5, 8, 7, 9, 10};
    private static final double[] C = {2, 4, 3, 1, 6, 5, 8, 7, 10, 9};
    // a fourth column, far from all three: sum d^2 with A, B, C = 290, 278, 270 -> rho = -0.76, -0.68, -0.64
    private static final double[] D = {10, 9, 8, 7, 6, 1, 2, 3, 4, 5};
    private static final String[] NAMES = {"A", "B", "C", "D"};

    private static double[][] rows() {
        double[][] z = new double[A.length][];
        for (int i = 0; i < A.length; i++) z[i] = new double[] {A[i], B[i], C[i], D[i]};
        return z;
    }

    @Test
    void chainKeepsBothEndsWhenTheMiddleIsDroppedFirst() {
        double[] p = {0.001, 0.002, 0.003, 0.01};
        SpearmanFilter.Result r = SpearmanFilter.apply(rows(), NAMES, new int[] {0, 1, 2, 3}, p);
        assertEquals(List.of("A", "C", "D"), r.kept());
        assertArrayEquals(new int[] {0, 2, 3}, r.keptColumns());
        assertEquals(2, r.pairs().size());
        assertPair("A", "B", 1 - 48 / 990.0, r.pairs().get(0));
        assertPair("B", "C", 1 - 96 / 990.0, r.pairs().get(1));
        assertEquals(1, r.dropped().size());
        SpearmanFilter.DroppedFeature d = r.dropped().get(0);
        assertEquals("B", d.feature());
        assertEquals("A", d.keptPartner());
        assertEquals(1 - 48 / 990.0, d.rho(), 1e-12);
        assertEquals(0.002, d.p(), 0.0);
        assertEquals(0.001, d.partnerP(), 0.0);
    }

    @Test
    void theLargerPGoesWhateverTheColumnOrder() {
        // B best: it is kept, then A and C both clash with it; D is unrelated. Kept list is in column order.
        double[] p = {0.002, 0.001, 0.003, 0.0005};
        SpearmanFilter.Result r = SpearmanFilter.apply(rows(), NAMES, new int[] {0, 1, 2, 3}, p);
        assertEquals(List.of("B", "D"), r.kept());
        assertEquals(List.of("A", "C"), r.dropped().stream().map(SpearmanFilter.DroppedFeature::feature).toList());
        assertEquals(List.of("B", "B"), r.dropped().stream().map(SpearmanFilter.DroppedFeature::keptPartner).toList());
    }

    @Test
    void equalPValuesFallBackToColumnOrder() {
        double[] p = {0.01, 0.01, 0.5, 0.5};
        SpearmanFilter.Result r = SpearmanFilter.apply(rows(), NAMES, new int[] {0, 1}, p);
        assertEquals(List.of("A"), r.kept());
        assertEquals("B", r.dropped().get(0).feature());
    }

    private static void assertPair(String a, String b, double rho, SpearmanFilter.CorrelatedPair pair) {
        assertEquals(a, pair.a());
        assertEquals(b, pair.b());
        assertEquals(rho, pair.rho(), 1e-12);   // Pearson of the ranks equals the closed form up to rounding
    }
}
