package org.eusedge.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.eusedge.capture.SourceConfig.InputFormat;

/**
 * A V4L2 capture device (/dev/videoN: a UVC HDMI/SDI grabber) read through FFmpeg's video4linux2 demuxer, asking
 * for the configured pixel format (YUYV or MJPEG), size and rate. When the device is missing, busy or unplugged
 * mid-procedure, it says so in the status and keeps retrying with back-off; start() never throws for that.
 */
public final class DeviceSource extends RetryingSource {
    private final String device;
    private final InputFormat format;
    private final int width;
    private final int height;
    private final double fps;

    /** width/height/fps 0 leave the device's default. */
    public DeviceSource(String device, InputFormat format, int width, int height, double fps) {
        super(Backoff.standard());
        SourceConfig.device(device, format, width, height, fps); // validates with clear messages
        this.device = device;
        this.format = Objects.requireNonNull(format, "format");
        this.width = width;
        this.height = height;
        this.fps = fps;
    }

    @Override
    public String describe() {
        String size = width > 0 ? " " + width + "x" + height : "";
        String rate = fps > 0 ? String.format(Locale.ROOT, " @%.0f fps", fps) : "";
        return "V4L2 " + device + size + " " + format + rate;
    }

    @Override
    protected Session open() throws Exception {
        if (!Files.exists(Path.of(device))) throw new MissingDevice();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(device);
        g.setFormat("video4linux2");
        g.setOption("input_format", format.ffmpegName());
        if (width > 0) {
            g.setImageWidth(width); // JavaCV passes these on as video_size
            g.setImageHeight(height);
        }
        if (fps > 0) g.setFrameRate(fps); // ... and as framerate
        return new FfmpegSession(g);
    }

    @Override
    protected String explain(Exception failure) {
        String msg = String.valueOf(failure.getMessage());
        if (failure instanceof MissingDevice || msg.contains("error -2:") || msg.contains("error -19:")) {
            return "no capture device at " + device + ": is the HDMI grabber plugged in?";
        }
        if (msg.contains("error -13:")) {
            return "no permission to open " + device + ": add the service user to the 'video' group";
        }
        if (msg.contains("error -16:")) {
            return device + " is busy: another program is using the capture device";
        }
        return "capture device " + describe() + " failed: " + msg + " (check that it supports this format, size and rate: v4l2-ctl --list-formats-ext)";
    }

    @Override
    protected String endedDetail() {
        return "capture device " + device + " stopped delivering frames (unplugged?); reconnecting";
    }

    /** The device node does not exist (nothing plugged in, or a different number). */
    private static final class MissingDevice extends Exception {
        MissingDevice() {
            super("device node missing", null, false, false);
        }
    }
}
