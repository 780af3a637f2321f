package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Expected values: R pretty() outputs (R 4.2), and the tick sets rms printed in the reference nomogram. */
class PrettyTest {

    @Test
    void defaultFiveIntervals() {
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, Pretty.of(1, 9, 5), 1e-12);
        assertArrayEquals(new double[] {-4, -2, 0, 2, 4, 6, 8}, Pretty.of(-3.2, 7.9, 5), 1e-12);
        assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, Pretty.of(0, 100, 5), 1e-12);
    }

    @Test
    void tenIntervalsOverAProbabilityRange() {
        double[] tenths = {0, .1, .2, .3, .4, .5, .6, .7, .8, .9, 1};
        assertArrayEquals(tenths, Pretty.of(1.82e-6, 0.999997, 10), 1e-12);
        assertArrayEquals(tenths, Pretty.of(0.0299, 0.963, 10), 1e-12);
        assertArrayEquals(new double[] {0.2, 0.25, 0.3, 0.35, 0.4}, Pretty.of(0.21, 0.39, 5), 1e-12);
    }

    @Test
    void zeroWidthRangeAtZero() {
        // R_pretty by hand: cell = 1 * shrink 0.75 -> base 0.1 -> unit 1; ns = nu = 0 gives k = 0 < min.n = 1,
        // so ns drops by one: -1 0
        assertArrayEquals(new double[] {-1, 0}, Pretty.of(0, 0, 5), 1e-12);
    }
}
