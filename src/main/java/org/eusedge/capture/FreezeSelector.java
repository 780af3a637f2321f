package org.eusedge.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eusedge.imaging.GreyImage;

/**
 * FREEZE: picks the sharpest frame of the last moments (default 0.5 s) from the ring, by {@link Sharpness}
 * (variance of the Laplacian), and offers a strip of candidates the operator can pick from instead. Each frame's
 * sharpness is computed once and remembered while the frame is in the ring, so a freeze right after another, or
 * candidates after select, costs nothing extra.
 */
public final class FreezeSelector {

    /** A frame with its sharpness (variance of the Laplacian). */
    public record Candidate(Frame frame, double sharpness) {}

    /**
     * About this many Laplacian samples per frame: large frames are measured on a sampling grid (see
     * {@link Sharpness}) so a cold freeze over 0.5 s of 1080p stays within a few milliseconds; 150k samples pin
     * the variance to about 1 %, far finer than the difference between a sharp and a blurred frame.
     */
    static final int TARGET_SAMPLES = 150_000;

    private final FrameRing ring;
    private final Duration window;
    private final Map<Long, Double> scores = new ConcurrentHashMap<>();

    public FreezeSelector(FrameRing ring, Duration window) {
        this.ring = Objects.requireNonNull(ring, "ring");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("freeze window must be a positive duration, got " + window);
        }
        this.window = window;
    }

    /** The last 0.5 s. */
    public static FreezeSelector standard(FrameRing ring) {
        return new FreezeSelector(ring, Duration.ofMillis(500));
    }

    /** The sharpest frame of the window; the newest frame if the window is empty (a stalled source); empty if none. */
    public Optional<Candidate> select() {
        List<Candidate> scored = scoredWindow();
        if (scored.isEmpty()) return ring.latest().map(this::score);
        Candidate best = scored.getFirst();
        for (Candidate c : scored) {
            if (c.sharpness() > best.sharpness()) best = c; // ties keep the older frame: the one seen at the press
        }
        return Optional.of(best);
    }

    /**
     * Up to {@code n} frames spread over the window, oldest first: the window is cut into n consecutive runs of
     * frames and the sharpest of each run is taken, so the strip covers the whole moment and the overall sharpest
     * frame (what {@link #select()} returns) is always among them.
     */
    public List<Candidate> candidates(int n) {
        if (n < 1) throw new IllegalArgumentException("ask for at least 1 candidate, got " + n);
        List<Candidate> scored = scoredWindow();
        if (scored.isEmpty()) return ring.latest().map(f -> List.of(score(f))).orElse(List.of());
        int runs = Math.min(n, scored.size());
        List<Candidate> out = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            int from = r * scored.size() / runs;
            int to = (r + 1) * scored.size() / runs;
            Candidate best = scored.get(from);
            for (int i = from + 1; i < to; i++) {
                if (scored.get(i).sharpness() > best.sharpness()) best = scored.get(i);
            }
            out.add(best);
        }
        return out;
    }

    /** 1 up to 640x480 (every pixel), 2 at 720p, 4 at 1080p. */
    static int samplingStep(int width, int height) {
        return Math.max(1, (int) Math.round(Math.sqrt((double) width * height / TARGET_SAMPLES)));
    }

    private List<Candidate> scoredWindow() {
        List<Frame> frames = ring.window(window);
        if (!frames.isEmpty()) {
            long oldest = ring.snapshot().stream().mapToLong(Frame::sequence).min().orElse(Long.MAX_VALUE);
            scores.keySet().removeIf(seq -> seq < oldest); // forget frames the ring has released
        }
        return frames.stream().map(this::score).toList();
    }

    private Candidate score(Frame f) {
        double s = scores.computeIfAbsent(f.sequence(), k -> {
            GreyImage img = f.image();
            int step = samplingStep(img.width(), img.height());
            return Sharpness.varianceOfLaplacian(img, step);
        });
        return new Candidate(f, s);
    }
}
