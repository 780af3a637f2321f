package org.eusedge.training.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandardiserTest {

    @Test
    void populationSdAndUnitScaleForAConstantColumn() {
        // column a: mean 3, population variance (4 + 0 + 4) / 3 = 8/3; column b constant -> scale 1
        Standardiser s = Standardiser.fit(new double[][] {{1, 5}, {3, 5}, {5, 5}}, new String[] {"a", "b"});
        assertArrayEquals(new double[] {3, 5}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 1.0}, s.sd(), 1e-15);
        assertArrayEquals(new double[] {2 / Math.sqrt(8.0 / 3), 2}, s.apply(new double[] {5, 7}), 1e-15);
    }

    @Test
    void standardisedTrainRowsHaveMeanZeroAndPopulationSdOne() {
        double[][] rows = {{0.2, -3}, {1.7, 10}, {-0.4, 2.5}, {3.3, 4}};
        double[][] z = Standardiser.fit(rows, new String[] {"a", "b"}).apply(rows);
        for (int j = 0; j < 2; j++) {
            double sum = 0;
            double ss = 0;
            for (double[] r : z) {
                sum += r[j];
                ss += r[j] * r[j];
            }
            assertEquals(0, sum / z.length, 1e-15);
            assertEquals(1, ss / z.length, 1e-14);
        }
    }

    @Test
    void subsetKeepsTheNamedFeaturesInTheGivenOrder() {
        Standardiser s = Standardiser.fit(new double[][] {{1, 10, 100}, {3, 30, 300}}, new String[] {"a", "b", "c"});
        Standardiser sub = s.subset(java.util.List.of("c", "a"));
        assertArrayEquals(new String[] {"c", "a"}, sub.names());
        assertArrayEquals(new double[] {200, 2}, sub.mean(), 1e-12);
        assertArrayEquals(new double[] {100, 1}, sub.sd(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.subset(java.util.List.of("d")));
        assertTrue(e.getMessage().contains("'d' is not in this standardiser"), e.getMessage());
    }

    @Test
    void rejectsBadInputWithAClearMessage() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Standardiser.fit(new double[][] {{1, 2}, {Double.NaN, 3}}, new String[] {"a", "b"}));
        assertTrue(nan.getMessage().contains("row 1 column 0 is NaN"), nan.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Standardiser.fit(new double[][] {{1, 2}, {3}}, new String[] {"a", "b"}));
        assertTrue(ragged.getMessage().contains("row 1 has 1 values but 2 were expected"), ragged.getMessage());
        Standardiser s = Standardiser.fit(new double[][] {{1, 2}, {3, 4}}, new String[] {"a", "b"});
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> s.apply(new double[] {1, 2, 3}));
        assertTrue(width.getMessage().contains("row has 3 values but the standardiser has 2 features"), width.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> Standardiser.fit(new double[][] {{1, 2}}, new String[] {"a", "a"}));
        assertTrue(dup.getMessage().contains("'a' occurs twice"), dup.getMessage());
    }
}
