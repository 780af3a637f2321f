package org.eusedge.capture;

import java.util.Locale;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.sim.EusFrameSimulator;

/**
 * Synthetic live EUS frames ({@link EusFrameSimulator#nextLiveFrame()}, marked SIMULATED) at a set rate: the
 * appliance's source when no hardware is configured. When rendering is slower than the rate, frames come as fast
 * as they render (the schedule restarts instead of bursting).
 */
public final class SimulatorSource extends RetryingSource {
    private final EusFrameSimulator simulator;
    private final double fps;
    private final long periodNanos;

    public SimulatorSource(long seed, int width, int height, double fps) {
        super(Backoff.standard());
        SourceConfig.simulator(seed, width, height, fps); // validates with clear messages
        this.simulator = new EusFrameSimulator(seed, width, height);
        this.fps = fps;
        this.periodNanos = Math.round(1e9 / fps);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "simulator %dx%d @%.0f fps", simulator.width(), simulator.height(), fps);
    }

    @Override
    protected Session open() {
        return new Session() {
            private long due = System.nanoTime();

            @Override
            public GreyImage next() {
                GreyImage frame = simulator.nextLiveFrame();
                sleepUntil(due);
                long now = System.nanoTime();
                due = now - due > 2 * periodNanos ? now + periodNanos : due + periodNanos;
                return frame;
            }

            @Override
            public void close() {
                // nothing held: the simulator lives as long as the source, so its sequence carries on
            }
        };
    }
}
