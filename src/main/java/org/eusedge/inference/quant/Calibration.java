package org.eusedge.inference.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Activation statistics gathered by {@link CalibrationCollector} from a number of calibration crops, keyed by
 * tensor name. One calibration serves every {@link CalibrationMethod}: the range is derived when asked.
 */
public final class Calibration {
    private final int sampleCount;
    private final Map<String, ActivationStatistics> statistics;
    private final Set<Long> cropFingerprints;

    public Calibration(int sampleCount, Map<String, ActivationStatistics> statistics) {
        this(sampleCount, statistics, Set.of());
    }

    Calibration(int sampleCount, Map<String, ActivationStatistics> statistics, Set<Long> cropFingerprints) {
        if (sampleCount <= 0 || statistics.isEmpty()) {
            throw new IllegalArgumentException("no calibration data (" + sampleCount + " crops, "
                    + statistics.size() + " tensors): collect statistics from real crops with CalibrationCollector");
        }
        this.sampleCount = sampleCount;
        this.statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
        this.cropFingerprints = Set.copyOf(cropFingerprints);
    }

    /** Whether this exact crop (bit for bit) was one of the calibration crops, so it cannot judge fidelity. */
    public boolean usedForCalibration(float[] crop) {
        return cropFingerprints.contains(fingerprint(crop));
    }

    /** 64-bit FNV-1a over the float bits: identical crops match, distinct ones collide with negligible odds. */
    static long fingerprint(float[] crop) {
        long h = 0xcbf29ce484222325L;
        for (float v : crop) {
            h ^= Float.floatToIntBits(v);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The number of crops the statistics came from. */
    public int sampleCount() { return sampleCount; }

    public Set<String> tensors() { return statistics.keySet(); }

    public ActivationStatistics statistics(String tensor) {
        ActivationStatistics s = statistics.get(tensor);
        if (s == null) {
            throw new IllegalArgumentException("no calibration statistics for tensor '" + tensor
                    + "': this calibration was collected on another model; run CalibrationCollector on this one");
        }
        return s;
    }

    public TensorRange range(String tensor, QuantOptions options) {
        return statistics(tensor).range(options.calibrationMethod(), options.percentile());
    }
}
