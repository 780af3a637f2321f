package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.eusedge.capture.SourceConfig.InputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A V4L2 source with no capture device attached (this machine has none): it must say so and keep retrying. */
@Timeout(60)
class DeviceSourceTest {
    private static final String MISSING = "/dev/video9";

    @Test
    void aMissingDeviceReportsReconnectingWithAClearDetailAndStartDoesNotThrow() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of(MISSING)), MISSING + " exists here");
        try (DeviceSource src = new DeviceSource(MISSING, InputFormat.YUYV, 1280, 720, 30)) {
            src.start(f -> { }); // must not throw
            Waits.until(Duration.ofSeconds(10), () -> src.status().state() == SourceStatus.State.RECONNECTING,
                    () -> "RECONNECTING for " + MISSING + "; status " + src.status());
            assertEquals("no capture device at /dev/video9: is the HDMI grabber plugged in?", src.status().detail());
            assertEquals(0, src.status().framesDelivered());
            assertEquals("V4L2 /dev/video9 1280x720 YUYV @30 fps", src.describe());
        }
    }

    @Test
    void ffmpegsOwnErrorForAMissingDeviceIsExplainedTheSameWay() {
        // the real FFmpeg error (STACK.md: "avformat_open_input() error -2"), in case the node vanishes between
        // our existence check and the open
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(MISSING);
        g.setFormat("video4linux2");
        FrameGrabber.Exception e = assertThrows(FrameGrabber.Exception.class, g::start);
        assertTrue(e.getMessage().contains("error -2:"), e.getMessage());
        DeviceSource src = new DeviceSource(MISSING, InputFormat.MJPEG, 0, 0, 0);
        assertEquals("no capture device at /dev/video9: is the HDMI grabber plugged in?", src.explain(e));
    }

    @Test
    void aNodeThatIsNotACaptureDeviceIsReportedWithFfmpegsReason() {
        // /dev/null exists but answers no V4L2 ioctl: FFmpeg's v4l2 demuxer fails, the source keeps retrying
        try (DeviceSource src = new DeviceSource("/dev/null", InputFormat.MJPEG, 640, 480, 30)) {
            src.start(f -> { });
            Waits.until(Duration.ofSeconds(10), () -> src.status().state() == SourceStatus.State.RECONNECTING,
                    () -> "RECONNECTING for /dev/null; status " + src.status());
            String detail = src.status().detail();
            assertTrue(detail.startsWith("capture device V4L2 /dev/null 640x480 MJPEG @30 fps failed:"), detail);
            assertTrue(detail.contains("v4l2-ctl --list-formats-ext"), detail);
        }
    }

    @Test
    void closeStopsTheRetryingSource() {
        DeviceSource src = new DeviceSource(MISSING, InputFormat.YUYV, 0, 0, 0);
        src.start(f -> { });
        src.close();
        assertEquals(SourceStatus.State.STOPPED, src.status().state());
        assertThrows(IllegalStateException.class, () -> src.start(f -> { }), "a closed source cannot restart");
    }
}
