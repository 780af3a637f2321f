package org.eusedge.capture;

import java.util.Locale;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.sim.EusFrameSimulator;

/**
 * Synthetic live EUS frames ({@link EusFrameSimulator#nextLiveFrame()}, marked SIMULATED) at a set rate: the
 * appliance's source when no hardware is configured. When rendering is slower than the rate, frames come as fast
 * as they render (the schedule restarts instead of bursting).
 *
 * <p>The live lesion is drawn at random and may be too large for a small frame at 0.1 mm/px, so the first open
 * tries coarser pixel spacings (a deeper depth setting) until the scene fits; {@link #pixelSpacingMm()} tells
 * which one was used. Same seed and size: same spacing and same frames.
 */
public final class SimulatorSource extends RetryingSource {
    /** From the default 0.1 mm/px to coarser depth settings, as a processor's depth control would step. */
    private static final double[] SPACINGS_MM = {0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0};

    private final long seed;
    private final int width;
    private final int height;
    private final double fps;
    private final long periodNanos;
    private volatile EusFrameSimulator simulator;
    private GreyImage pending; // the first frame, rendered while choosing the spacing

    public SimulatorSource(long seed, int width, int height, double fps) {
        super(Backoff.standard());
        SourceConfig.simulator(seed, width, height, fps); // validates with clear messages
        this.seed = seed;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.periodNanos = Math.round(1e9 / fps);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "simulator %dx%d @%.0f fps", width, height, fps);
    }

    /** Millimetres per pixel of the simulated frames; NaN until the source has opened. */
    public double pixelSpacingMm() {
        EusFrameSimulator s = simulator;
        return s == null ? Double.NaN : s.pixelSpacingMm();
    }

    @Override
    protected Session open() {
        if (simulator == null) chooseSpacing();
        return new Session() {
            private long due = System.nanoTime();

            @Override
            public GreyImage next() {
                GreyImage frame = pending != null ? pending : simulator.nextLiveFrame();
                pending = null;
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

    private void chooseSpacing() {
        IllegalArgumentException last = null;
        for (double spacing : SPACINGS_MM) {
            EusFrameSimulator candidate = new EusFrameSimulator(seed, width, height, spacing);
            try {
                pending = candidate.nextLiveFrame();
                simulator = candidate;
                return;
            } catch (IllegalArgumentException doesNotFit) {
                last = doesNotFit; // the lesion is too large for the frame at this spacing: try a coarser one
            }
        }
        throw new IllegalArgumentException("the simulated lesion does not fit a " + width + "x" + height
                + " frame even at " + SPACINGS_MM[SPACINGS_MM.length - 1] + " mm/px; use a larger frame", last);
    }
}
