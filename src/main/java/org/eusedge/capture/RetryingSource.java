package org.eusedge.capture;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eusedge.imaging.GreyImage;

/**
 * The part every live source shares: one grabbing thread that opens a {@link Session}, hands its frames to the sink,
 * and when the session fails or ends reports RECONNECTING with the reason and opens a new one after a back-off
 * (0.5 s doubling to 5 s). Subclasses only say how to open a session and how to explain a failure.
 */
abstract class RetryingSource implements FrameSource {
    private static final Logger LOG = Logger.getLogger(RetryingSource.class.getName());
    /** Sequence numbers are unique across all sources of the running service (a source may be swapped live). */
    private static final AtomicLong NEXT_SEQUENCE = new AtomicLong(1);
    private static final long CLOSE_WAIT_MS = 5_000;

    /** One open connection to the video: frames until it ends (null) or fails (an exception). */
    interface Session extends AutoCloseable {
        /** The next picture, blocking until it is due; null when the video ended. */
        GreyImage next() throws Exception;

        @Override
        void close();
    }

    private final Backoff backoff;
    private final FpsMeter fps = FpsMeter.standard();
    private final Object lifecycle = new Object();
    private volatile SourceStatus.State state = SourceStatus.State.STOPPED;
    private volatile String detail = "not started";
    private volatile long delivered;
    private volatile boolean closing;
    private Thread thread;

    RetryingSource(Backoff backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** Opens the video; throws with the reason when it cannot (the caller retries). */
    protected abstract Session open() throws Exception;

    /** One line for the status bar saying why {@code failure} happened and what to check. */
    protected String explain(Exception failure) {
        return describe() + ": " + failure.getMessage();
    }

    /** Why a session that returned null ended, for the status bar. */
    protected String endedDetail() {
        return describe() + ": the video ended; reconnecting";
    }

    @Override
    public final void start(Consumer<Frame> sink) {
        Objects.requireNonNull(sink, "sink");
        synchronized (lifecycle) {
            if (closing) throw new IllegalStateException("this source was closed; open a new one");
            if (thread != null) throw new IllegalStateException("this source is already started");
            state = SourceStatus.State.STARTING;
            detail = "opening " + describe();
            thread = Thread.ofPlatform().daemon().name("capture " + describe()).start(() -> run(sink));
        }
    }

    @Override
    public final SourceStatus status() {
        return new SourceStatus(state, detail, fps.fps(System.nanoTime()), delivered);
    }

    /** Stops grabbing and waits (bounded) for the grabbing thread to release the video. Idempotent. */
    @Override
    public final void close() {
        Thread t;
        synchronized (lifecycle) {
            closing = true;
            t = thread;
        }
        if (t == Thread.currentThread()) {
            return; // closed from the sink: the loop sees `closing` and ends once the sink returns
        }
        if (t != null) {
            LockSupport.unpark(t);
            t.interrupt();
            try {
                t.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) LOG.warning(() -> "capture thread of " + describe() + " did not stop within "
                    + CLOSE_WAIT_MS + " ms; leaving it as a daemon");
        }
        state = SourceStatus.State.STOPPED;
        detail = "stopped";
    }

    /** Sleeps until {@code deadlineNanos} (System.nanoTime clock) or until the source is closed. */
    protected final void sleepUntil(long deadlineNanos) {
        long wait;
        while (!closing && (wait = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    private void run(Consumer<Frame> sink) {
        while (!closing) {
            try (Session session = open()) {
                GreyImage image;
                while (!closing && (image = session.next()) != null) {
                    deliver(sink, image);
                }
                if (!closing) reconnecting(endedDetail());
            } catch (Exception | LinkageError e) {
                if (closing) break;
                String why = e instanceof Exception ex ? explain(ex) : describe() + ": " + e;
                reconnecting(why);
                LOG.log(Level.FINE, why, e);
            }
            if (closing) break;
            sleepUntil(System.nanoTime() + backoff.next().toNanos());
        }
        state = SourceStatus.State.STOPPED;
        detail = "stopped";
    }

    private void deliver(Consumer<Frame> sink, GreyImage image) {
        long now = System.nanoTime();
        if (state != SourceStatus.State.RUNNING) {
            state = SourceStatus.State.RUNNING;
            detail = describe();
            backoff.reset();
        }
        fps.mark(now);
        delivered++;
        try {
            sink.accept(new Frame(NEXT_SEQUENCE.getAndIncrement(), now, image));
        } catch (RuntimeException e) {
            // a failing consumer must not stop capture: log it and keep grabbing
            LOG.log(Level.WARNING, "frame consumer failed on a frame of " + describe(), e);
        }
    }

    private void reconnecting(String why) {
        boolean news = state != SourceStatus.State.RECONNECTING || !why.equals(detail);
        state = SourceStatus.State.RECONNECTING;
        detail = why;
        if (news) LOG.info(() -> "capture: " + why); // once per new reason, not at every retry of a long outage
    }
}
