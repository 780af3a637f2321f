package org.eusedge.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last few seconds of frames (default 2 s), bounded by age and by count so memory stays bounded
 * (at most {@code capacity} frames are ever referenced; frames older than {@code maxAge} are released on the
 * next push). Writing takes a brief lock (one writer at a time, normally the grabbing thread); reading is lock-free,
 * so the UI and the freeze never slow capture down.
 *
 * <p>Ages are measured on the frames' own clock (System.nanoTime at capture), against the newest frame's time for
 * eviction and against "now" for {@link #window}.
 */
public final class FrameRing {
    private final AtomicReferenceArray<Frame> slots;
    private final long maxAgeNanos;
    private volatile long written; // number of frames pushed; slot of frame i is i % capacity
    private long oldestKept;       // writer-only: index of the oldest frame not yet released

    public FrameRing(Duration maxAge, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("ring capacity must be >= 1 frame, got " + capacity);
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("ring max age must be a positive duration, got " + maxAge);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** 2 s and 128 frames: two seconds of 60 fps with room to spare. */
    public static FrameRing standard() {
        return new FrameRing(Duration.ofSeconds(2), 128);
    }

    public int capacity() {
        return slots.length();
    }

    public Duration maxAge() {
        return Duration.ofNanos(maxAgeNanos);
    }

    /** Adds the newest frame; frames must come in capture order (timestamps not decreasing). */
    public synchronized void push(Frame frame) {
        if (frame == null) throw new IllegalArgumentException("cannot push a null frame");
        long n = written;
        int cap = slots.length();
        if (n > 0) {
            Frame prev = slots.get((int) ((n - 1) % cap));
            if (prev != null && frame.timestampNanos() < prev.timestampNanos()) {
                throw new IllegalArgumentException("frames must be pushed in capture order: frame " + frame.sequence()
                        + " is older than frame " + prev.sequence() + " already in the ring");
            }
        }
        slots.set((int) (n % cap), frame);
        written = n + 1;
        oldestKept = Math.max(oldestKept, n + 1 - cap);
        // release frames that have aged out, so a 2 s ring holds 2 s of pictures and not `capacity` of them
        while (oldestKept < n) {
            int i = (int) (oldestKept % cap);
            Frame old = slots.get(i);
            if (old != null && frame.timestampNanos() - old.timestampNanos() <= maxAgeNanos) break;
            slots.compareAndSet(i, old, null);
            oldestKept++;
        }
    }

    /** The newest frame, if any. */
    public Optional<Frame> latest() {
        long n = written;
        return n == 0 ? Optional.empty() : Optional.ofNullable(slots.get((int) ((n - 1) % slots.length())));
    }

    /** Frames captured within {@code span} before now (and within the ring's age), oldest first. */
    public List<Frame> window(Duration span) {
        if (span == null || span.isNegative()) {
            throw new IllegalArgumentException("window span must be a duration >= 0, got " + span);
        }
        long cutoff = System.nanoTime() - Math.min(span.toNanos(), maxAgeNanos);
        List<Frame> out = new ArrayList<>();
        forEachNewestFirst(f -> {
            if (f.timestampNanos() < cutoff) return false;
            out.add(f);
            return true;
        });
        Collections.reverse(out);
        return out;
    }

    /** Every frame the ring holds, oldest first. */
    public List<Frame> snapshot() {
        List<Frame> out = new ArrayList<>();
        forEachNewestFirst(out::add);
        Collections.reverse(out);
        return out;
    }

    /**
     * The frame with this sequence number, while the ring still holds it; empty once it was overwritten or aged
     * out (or it never passed through this ring), so a caller can answer "gone".
     */
    public Optional<Frame> bySequence(long sequence) {
        Frame[] found = new Frame[1];
        forEachNewestFirst(f -> {
            if (f.sequence() == sequence) found[0] = f;
            return f.sequence() > sequence; // sequences rise with time: stop once past it
        });
        return Optional.ofNullable(found[0]);
    }

    private interface Visitor {
        boolean visit(Frame f); // false: stop
    }

    /**
     * Walks newest to oldest without locking. A slot the writer refills during the walk holds a frame newer than
     * its neighbour; the walk stops there, since everything beyond it is being overwritten.
     */
    private void forEachNewestFirst(Visitor v) {
        long n = written;
        int cap = slots.length();
        long newestTime = Long.MAX_VALUE;
        long newestSeq = Long.MAX_VALUE;
        for (long i = n - 1; i >= 0 && i >= n - cap; i--) {
            Frame f = slots.get((int) (i % cap));
            if (f == null || f.sequence() >= newestSeq || f.timestampNanos() > newestTime) return;
            if (!v.visit(f)) return;
            newestSeq = f.sequence();
            newestTime = f.timestampNanos();
        }
    }
}
