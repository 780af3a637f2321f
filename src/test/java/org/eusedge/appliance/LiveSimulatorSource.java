package org.eusedge.appliance;

import org.eusedge.capture.Frame;
import org.eusedge.capture.FrameSource;
import org.eusedge.capture.SourceStatus;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.PolygonRoi;
import org.eusedge.imaging.sim.EusFrameSimulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A live source for the appliance's tests: the EUS simulator's live sequence (a drifting probe over one lesion),
 * paced to a frame rate on its own thread. It remembers the true lesion outline of every frame it delivered, so a
 * test can mark the lesion where it really is.
 */
public final class LiveSimulatorSource implements FrameSource {
    private final EusFrameSimulator simulator;
    private final double fps;
    private final Map<Long, PolygonRoi> outlines = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private volatile SourceStatus.State state = SourceStatus.State.STARTING;
    private volatile double measuredFps;
    private volatile boolean closed;
    private Thread thread;

    public LiveSimulatorSource(long seed, int width, int height, double pixelSpacingMm, double fps) {
        this.simulator = new EusFrameSimulator(seed, width, height, pixelSpacingMm);
        this.fps = fps;
    }

    @Override
    public void start(Consumer<Frame> sink) {
        thread = Thread.ofPlatform().daemon().name("live-simulator").start(() -> run(sink));
    }

    private void run(Consumer<Frame> sink) {
        long period = (long) (1e9 / fps);
        long next = System.nanoTime();
        long windowStart = next;
        int windowFrames = 0;
        long sequence = 0;
        while (!closed) {
            GreyImage image = simulator.nextLiveFrame();
            long now = System.nanoTime();
            outlines.put(sequence, simulator.liveLesionRoi());
            if (outlines.size() > 600) outlines.remove(sequence - 600);
            sink.accept(new Frame(sequence++, now, image));
            delivered.incrementAndGet();
            state = SourceStatus.State.RUNNING;
            windowFrames++;
            if (now - windowStart >= 1_000_000_000L) {
                measuredFps = windowFrames * 1e9 / (now - windowStart);
                windowStart = now;
                windowFrames = 0;
            }
            next += period;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    break;
                }
            } else {
                next = System.nanoTime(); // behind: drop the backlog rather than burst
            }
        }
        state = SourceStatus.State.STOPPED;
    }

    /** The true lesion outline of a delivered frame (the last 600 are kept). */
    public PolygonRoi outlineOf(long sequence) {
        return outlines.get(sequence);
    }

    public double pixelSpacingMm() {
        return simulator.pixelSpacingMm();
    }

    @Override
    public SourceStatus status() {
        return new SourceStatus(state, null, measuredFps, delivered.get());
    }

    @Override
    public String describe() {
        return "simulator " + simulator.width() + "x" + simulator.height() + " @ " + fps + " fps (test)";
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
