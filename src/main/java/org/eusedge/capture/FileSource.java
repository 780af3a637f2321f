package org.eusedge.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.eusedge.imaging.GreyImage;

/**
 * The replayer: a video file played in a loop at its own frame rate (following the frames' timestamps), so demos
 * and tests see what a capture device would send. Any container and codec this FFmpeg build reads (MP4/H.264,
 * AVI/MPEG-4, MJPEG, ...). At the end it seeks back to the start and carries on without a gap in the schedule.
 */
public final class FileSource extends RetryingSource {

    /** How fast frames are handed on: at the file's own rate, or as fast as they decode (benchmarks). */
    public enum Pace { SOURCE_RATE, AS_FAST_AS_POSSIBLE }

    private static final double FALLBACK_FPS = 30;

    private final Path file;
    private final Pace pace;
    private volatile String opened = "";
    private volatile double frameRate;
    private volatile long loops;

    public FileSource(Path file) {
        this(file, Pace.SOURCE_RATE);
    }

    public FileSource(Path file, Pace pace) {
        super(Backoff.standard());
        this.file = Objects.requireNonNull(file, "file");
        this.pace = Objects.requireNonNull(pace, "pace");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("video file not found: " + file.toAbsolutePath()
                    + " (check the path of the FILE source)");
        }
    }

    /** The file's nominal frame rate as its container states it; 0 until the file was opened. */
    public double frameRate() {
        return frameRate;
    }

    /** How many times playback wrapped from the end back to the start. */
    public long loops() {
        return loops;
    }

    @Override
    public String describe() {
        return "file " + file.getFileName() + opened;
    }

    @Override
    protected Session open() throws Exception {
        return new Replay(new FFmpegFrameGrabber(file.toFile()));
    }

    @Override
    protected String explain(Exception failure) {
        return "cannot play " + file.toAbsolutePath() + ": " + failure.getMessage()
                + " (is it a video file FFmpeg can read?)";
    }

    private final class Replay extends FfmpegSession {
        private final long periodNanos;
        private long anchorNanos = -1;
        private long anchorMicros;
        private long lastMicros = Long.MIN_VALUE;
        private long lastDeadline;

        Replay(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
            super(grabber);
            double rate = grabber.getFrameRate();
            double fps = rate > 0 && Double.isFinite(rate) ? rate : FALLBACK_FPS;
            periodNanos = Math.round(1e9 / fps);
            frameRate = rate > 0 && Double.isFinite(rate) ? rate : 0;
            opened = String.format(Locale.ROOT, " %dx%d @%.2f fps", grabber.getImageWidth(),
                    grabber.getImageHeight(), fps);
        }

        @Override
        public GreyImage next() throws Exception {
            org.bytedeco.javacv.Frame f = grabber.grabImage();
            if (f == null) { // the end: back to the start
                grabber.setTimestamp(0L);
                loops++;
                f = grabber.grabImage();
                if (f == null) throw new FrameGrabber.Exception("no picture could be decoded from the start");
            }
            GreyImage image = FfmpegSession.grey(f);
            if (pace == Pace.SOURCE_RATE) sleepUntil(deadline(f.timestamp));
            return image;
        }

        /**
         * When the frame with this timestamp (microseconds) is due. The schedule follows the file's timestamps;
         * where they jump back (the loop) or forward by more than a second, it continues one period on; when
         * decoding fell behind by more than two periods, it restarts from now instead of bursting to catch up.
         */
        private long deadline(long micros) {
            long now = System.nanoTime();
            long step = micros - lastMicros;
            if (anchorNanos < 0) {
                anchorNanos = now;
                anchorMicros = micros;
            } else if (step <= 0 || step > 1_000_000) {
                anchorNanos = lastDeadline + periodNanos;
                anchorMicros = micros;
            }
            long due = anchorNanos + (micros - anchorMicros) * 1000;
            if (now - due > 2 * periodNanos) {
                anchorNanos = now;
                anchorMicros = micros;
                due = now;
            }
            lastMicros = micros;
            lastDeadline = due;
            return due;
        }
    }
}
