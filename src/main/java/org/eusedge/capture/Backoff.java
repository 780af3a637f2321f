package org.eusedge.capture;

import java.time.Duration;

/** Retry delays that start short and double up to a ceiling: 0.5 s, 1 s, 2 s, 4 s, 5 s, 5 s, ... Not thread-safe. */
final class Backoff {
    private final long firstNanos;
    private final long maxNanos;
    private long nextNanos;

    Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max, got " + first + " and " + max);
        }
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
        this.nextNanos = firstNanos;
    }

    static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    /** The delay to wait now; the one after it is twice as long, up to the ceiling. */
    Duration next() {
        long d = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return Duration.ofNanos(d);
    }

    /** After a success: the next failure waits the first delay again. */
    void reset() {
        nextNanos = firstNanos;
    }
}
