package org.eusedge.inference.quant;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationStatisticsTest {

    @Test
    void percentileFromTheGrowingHistogramBracketsTheExactSortedPercentile() {
        Random random = new Random(7);
        float[] small = new float[50_000];
        float[] large = new float[50_000];
        for (int i = 0; i < small.length; i++) small[i] = (float) random.nextGaussian();
        // The second batch reaches 8x further: the histogram must double its range three times and merge bins.
        for (int i = 0; i < large.length; i++) large[i] = (float) (random.nextGaussian() * 4 + (i == 0 ? 40 : 0));
        ActivationStatistics stats = new ActivationStatistics();
        stats.add(small);
        stats.add(large);

        float[] all = new float[small.length + large.length];
        System.arraycopy(small, 0, all, 0, small.length);
        System.arraycopy(large, 0, all, small.length, large.length);
        float[] abs = new float[all.length];
        for (int i = 0; i < all.length; i++) abs[i] = Math.abs(all[i]);
        Arrays.sort(abs);
        Arrays.sort(all);

        assertEquals(all.length, stats.count());
        assertEquals(all[0], stats.min());
        assertEquals(all[all.length - 1], stats.max());
        for (double p : new double[]{50, 90, 99, 99.99}) {
            float exact = abs[(int) Math.ceil(p / 100 * abs.length) - 1];
            float fromHistogram = stats.absPercentile(p);
            assertTrue(fromHistogram >= exact && fromHistogram <= exact + stats.binWidth() * 1.0001,
                    "p" + p + ": histogram " + fromHistogram + " vs exact " + exact + " (bin " + stats.binWidth() + ")");
        }
        TensorRange clipped = stats.range(CalibrationMethod.PERCENTILE, 99.0);
        float t = stats.absPercentile(99.0);
        assertEquals(-t, clipped.min());
        assertEquals(t, clipped.max());
        TensorRange minMax = stats.range(CalibrationMethod.MIN_MAX, 99.0);
        assertEquals(all[0], minMax.min());
        assertEquals(all[all.length - 1], minMax.max());
    }

    @Test
    void nonNegativeTensorKeepsItsZeroFloorUnderPercentileClipping() {
        ActivationStatistics stats = new ActivationStatistics();
        float[] relu = new float[1000];
        for (int i = 0; i < relu.length; i++) relu[i] = i < 500 ? 0f : (i - 500) / 100f; // 0 .. 4.99
        stats.add(relu);
        TensorRange r = stats.range(CalibrationMethod.PERCENTILE, 99.0);
        assertEquals(0f, r.min());
        assertTrue(r.max() < 4.99f && r.max() >= 4.89f, "99th percentile of |x| is 4.89, got " + r.max());
    }

    @Test
    void noDataIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ActivationStatistics().range(CalibrationMethod.MIN_MAX, 99.99));
        assertTrue(e.getMessage().contains("no values"), e.getMessage());
    }
}
