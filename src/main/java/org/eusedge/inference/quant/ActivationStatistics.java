package org.eusedge.inference.quant;

import java.nio.FloatBuffer;

/**
 * Running statistics of one activation tensor over the calibration crops: minimum, maximum and a histogram of |x|.
 * The histogram has a fixed number of bins over [0, top]; when a larger |x| arrives, top doubles and adjacent bins
 * merge pairwise, so earlier counts stay exact without a second pass over the data (no library offers this
 * streaming form for Java, hence written here).
 */
public final class ActivationStatistics {
    static final int BINS = 4096;

    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long count;
    private double top; // upper edge of the histogram; 0 until a non-zero |x| is seen
    private final long[] bins = new long[BINS];

    /** Adds every value of the buffer from its position to its limit (the position is left unchanged). */
    void add(FloatBuffer values) {
        int end = values.limit();
        float lo = min, hi = max;
        for (int i = values.position(); i < end; i++) {
            float v = values.get(i);
            if (Float.isNaN(v)) throw new IllegalStateException("NaN in a calibration activation: check the crops");
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        min = lo;
        max = hi;
        float maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
        growTo(maxAbs);
        double perBin = top > 0 ? BINS / top : 0;
        for (int i = values.position(); i < end; i++) {
            int b = (int) (Math.abs(values.get(i)) * perBin);
            bins[Math.min(b, BINS - 1)]++;
        }
        count += end - values.position();
    }

    void add(float[] values) {
        add(FloatBuffer.wrap(values));
    }

    private void growTo(float maxAbs) {
        if (maxAbs <= top) return;
        if (top == 0) {
            top = maxAbs;
            return;
        }
        while (top < maxAbs) {
            for (int i = 0; i < BINS / 2; i++) bins[i] = bins[2 * i] + bins[2 * i + 1];
            java.util.Arrays.fill(bins, BINS / 2, BINS, 0);
            top *= 2;
        }
    }

    public long count() { return count; }
    public float min() { return min; }
    public float max() { return max; }
    /** Width of one histogram bin: the resolution of a percentile threshold. */
    public double binWidth() { return top / BINS; }

    /**
     * The upper edge of the first histogram bin at which at least {@code percentile}% of |x| lie at or below:
     * never below the exact percentile, and at most one bin width above it.
     */
    public float absPercentile(double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        requireData();
        if (top == 0) return 0f;
        long target = (long) Math.ceil(percentile / 100.0 * count);
        long cumulative = 0;
        for (int i = 0; i < BINS; i++) {
            cumulative += bins[i];
            if (cumulative >= target) return (float) ((i + 1) * (top / BINS));
        }
        return (float) top;
    }

    /** The calibrated range of this tensor by the given method. */
    public TensorRange range(CalibrationMethod method, double percentile) {
        requireData();
        return switch (method) {
            case MIN_MAX -> new TensorRange(min, max);
            case PERCENTILE -> {
                float t = absPercentile(percentile);
                yield new TensorRange(Math.max(min, -t), Math.min(max, t));
            }
        };
    }

    private void requireData() {
        if (count == 0) throw new IllegalStateException("no values were recorded for this activation");
    }
}
