package org.eusedge.capture;

/**
 * Frame rate over a sliding window of the last frames' arrival times: (n - 1) intervals over the time they span.
 * A small ring of timestamps, written by the one grabbing thread and read by any thread (a torn read only skews
 * one status-bar value, so reads take the lock-free path with a volatile count).
 */
final class FpsMeter {
    private final long[] times;
    private final long windowNanos;
    private volatile long count;

    /** Keeps at most {@code slots} arrivals, and only those of the last {@code windowNanos}. */
    FpsMeter(int slots, long windowNanos) {
        if (slots < 2) throw new IllegalArgumentException("an fps meter needs at least 2 slots, got " + slots);
        this.times = new long[slots];
        this.windowNanos = windowNanos;
    }

    static FpsMeter standard() {
        return new FpsMeter(128, 2_000_000_000L);
    }

    void mark(long nanos) {
        long c = count;
        times[(int) (c % times.length)] = nanos;
        count = c + 1;
    }

    /** Frames per second over the window ending now; 0 when fewer than two frames arrived within it. */
    double fps(long nowNanos) {
        long c = count;
        if (c < 2) return 0;
        long newest = times[(int) ((c - 1) % times.length)];
        if (nowNanos - newest > windowNanos) return 0; // stalled: nothing recent
        long n = Math.min(c, times.length);
        long oldest = newest;
        int used = 1;
        for (long i = c - 2; i >= c - n; i--) {
            long t = times[(int) (i % times.length)];
            if (nowNanos - t > windowNanos) break;
            oldest = t;
            used++;
        }
        if (used < 2 || newest <= oldest) return 0;
        return (used - 1) * 1e9 / (newest - oldest);
    }
}
