package org.eusedge.capture;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eusedge.imaging.GreyImage;

/**
 * The side monitor's live view: JPEG of the newest frame at no more than {@code maxFps}, on its own thread.
 * {@link #offer(Frame)} (called from the capture sink) only swaps a one-slot mailbox and wakes the encoder, so the
 * grabber never waits; a frame arriving before the previous one was encoded replaces it (frames are dropped, never
 * queued). Readers get the newest JPEG with {@link #latest()}, block for the next one with {@link #awaitNext}
 * (one virtual thread per MJPEG client), or subscribe with {@link #addListener} (called on the encoder thread:
 * must return quickly).
 */
public final class LiveViewEncoder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LiveViewEncoder.class.getName());

    private final long minIntervalNanos;
    private final JpegEncoder encoder;
    private final AtomicReference<Frame> mailbox = new AtomicReference<>();
    private final List<Consumer<LiveJpeg>> listeners = new CopyOnWriteArrayList<>();
    private final Object published = new Object();
    private final Thread thread;
    private volatile LiveJpeg latest;
    private volatile boolean closed;
    private volatile long offered;
    private volatile long encoded;

    /** maxFps: the cap on encoded pictures per second; quality 1..100. Starts its thread at once. */
    public LiveViewEncoder(double maxFps, int quality) {
        if (!(maxFps > 0) || Double.isInfinite(maxFps)) {
            throw new IllegalArgumentException("live view max fps must be a positive number, got " + maxFps);
        }
        this.minIntervalNanos = Math.round(1e9 / maxFps);
        this.encoder = new JpegEncoder(quality);
        // load OpenCV's natives now (seconds on a cold start) rather than on the first live frame
        encoder.encode(new GreyImage(16, 16, new byte[256]));
        this.thread = Thread.ofPlatform().daemon().name("live view jpeg").start(this::run);
    }

    /** 30 fps, quality 80. */
    public static LiveViewEncoder standard() {
        return new LiveViewEncoder(30, 80);
    }

    /** Hands the newest frame over; never blocks. An older frame still waiting is dropped. */
    public void offer(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        mailbox.set(frame);
        offered++;
        LockSupport.unpark(thread);
    }

    /** The newest encoded picture, or null before the first. */
    public LiveJpeg latest() {
        return latest;
    }

    /**
     * Waits for a picture newer than {@code afterSequence} (pass -1 for any) and returns it, or null if none came
     * within {@code timeout} or the encoder was closed.
     */
    public LiveJpeg awaitNext(long afterSequence, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (published) {
            while (true) {
                LiveJpeg j = latest;
                if (j != null && j.sequence() > afterSequence) return j;
                long left = deadline - System.nanoTime();
                if (closed || left <= 0) return null;
                published.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public void addListener(Consumer<LiveJpeg> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<LiveJpeg> listener) {
        listeners.remove(listener);
    }

    /** Frames offered so far (each one the capture sink passed on). */
    public long offeredCount() {
        return offered;
    }

    /** Pictures encoded so far; offered - encoded were dropped. */
    public long encodedCount() {
        return encoded;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (published) {
            published.notifyAll();
        }
        if (!thread.isAlive()) encoder.close(); // else the thread still uses it; the daemon dies with the JVM
    }

    /**
     * The cap is kept as an average (a virtual schedule, as in the generic cell rate algorithm): a frame may be
     * encoded up to a quarter interval before its slot, so a source running at the cap with a little jitter is
     * not thinned out, while a faster source is held to the cap.
     */
    private void run() {
        long slot = System.nanoTime();
        long tolerance = minIntervalNanos / 4;
        while (!closed) {
            Frame f = mailbox.getAndSet(null);
            if (f == null) {
                LockSupport.parkNanos(this, 100_000_000L);
                continue;
            }
            long wait;
            if (slot - tolerance - System.nanoTime() > 0) {
                // over the cap: wait for the slot (offer() unparks us early, so loop), then take the newest frame
                while (!closed && (wait = slot - tolerance - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(this, wait);
                }
                Frame newer = mailbox.getAndSet(null);
                if (newer != null) f = newer;
                if (closed) break;
            }
            slot = Math.max(slot, System.nanoTime()) + minIntervalNanos;
            try {
                byte[] jpeg = encoder.encode(f.image());
                LiveJpeg j = new LiveJpeg(f.sequence(), f.image().width(), f.image().height(), f.timestampNanos(),
                        System.nanoTime(), jpeg);
                publish(j);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "live view could not encode frame " + f.sequence(), e);
            }
        }
    }

    private void publish(LiveJpeg j) {
        latest = j;
        encoded++;
        synchronized (published) {
            published.notifyAll();
        }
        for (Consumer<LiveJpeg> l : listeners) {
            try {
                l.accept(j);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "live view listener failed", e);
            }
        }
    }
}
