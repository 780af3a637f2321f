package org.eusedge.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NomogramTest {

    /*
     * Worked by hand: lp = -1 + 2 A - 1 B, axes A in [0, 1], B in [0, 4].
     * Axis ranges of beta*x: A 2, B 4 -> B gets 100 points, points per lp unit = 100 / 4 = 25.
     * Axis minimum of beta*x: A min(0, 2) = 0; B min(0, -4) = -4.
     * x = (0.5, 1): A 25 * (1 - 0) = 25 points; B 25 * (-1 + 4) = 75 points; total 100.
     * lp at 0 points = -1 + 0 - 4 = -5; lp = -5 + 100 / 25 = -1 = -1 + 2 * 0.5 - 1; plogis(-1) = 0.2689414213699951.
     */
    private final Nomogram nomogram = Nomogram.of(List.of("A", "B"), -1, new double[] {2, -1},
            new double[] {0, 0}, new double[] {1, 4});

    @Test
    void pointsAndProbabilityWorkedByHand() {
        assertEquals(25, nomogram.pointsPerLpUnit(), 1e-12);
        assertArrayEquals(new double[] {25, 75}, nomogram.points(new double[] {0.5, 1}), 1e-12);
        assertEquals(-5, nomogram.lpAtZeroPoints(), 1e-12);
        assertEquals(0.2689414213699951, nomogram.probabilityOfTotal(100), 1e-15);
        assertEquals(0.2689414213699951, nomogram.probability(new double[] {0.5, 1}), 1e-15);
    }

    @Test
    void totalPointsAndDirectProbabilityAgreeEverywhere() {
        for (double a = 0; a <= 1; a += 0.125) {
            for (double b = 0; b <= 4; b += 0.5) {
                double[] x = {a, b};
                double[] p = nomogram.points(x);
                assertEquals(nomogram.probability(x), nomogram.probabilityOfTotal(p[0] + p[1]), 1e-12);
            }
        }
    }
}
