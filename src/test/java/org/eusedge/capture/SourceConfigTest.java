package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eusedge.capture.SourceConfig.InputFormat;
import org.eusedge.imaging.sim.EusFrameSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SourceConfigTest {

    @Test
    void eachKindOpensItsSource() {
        try (FrameSource d = FrameSources.open(SourceConfig.device("/dev/video0", InputFormat.MJPEG, 1920, 1080, 30));
             FrameSource f = FrameSources.open(SourceConfig.file(FileSourceTest.MP4));
             FrameSource s = FrameSources.open(SourceConfig.stream("rtsp://10.0.0.5:554/live"));
             FrameSource m = FrameSources.open(SourceConfig.defaults())) {
            assertInstanceOf(DeviceSource.class, d);
            assertEquals("V4L2 /dev/video0 1920x1080 MJPEG @30 fps", d.describe());
            assertInstanceOf(FileSource.class, f);
            assertInstanceOf(StreamSource.class, s);
            assertInstanceOf(SimulatorSource.class, m);
            assertEquals("simulator 640x480 @30 fps", m.describe());
            assertEquals(SourceStatus.State.STOPPED, m.status().state(), "opened, not started");
        }
    }

    @Test
    void missingOrWrongSettingsSayWhatIsNeeded() {
        assertEquals("a DEVICE source needs a device path such as /dev/video0", assertThrows(
                IllegalArgumentException.class, () -> SourceConfig.device(" ", InputFormat.YUYV, 0, 0, 0)).getMessage());
        assertEquals("a DEVICE source needs an input format: YUYV or MJPEG", assertThrows(
                IllegalArgumentException.class, () -> SourceConfig.device("/dev/video0", null, 0, 0, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceConfig.device("/dev/video0", InputFormat.YUYV, 1920, 0, 30)).getMessage()
                .contains("1920x0"));
        assertEquals("a FILE source needs the path of a video file",
                assertThrows(IllegalArgumentException.class, () -> SourceConfig.file(null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SourceConfig.stream("ftp://x/y")).getMessage()
                .startsWith("unsupported stream URL ftp://x/y"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SourceConfig.simulator(1, 32, 32, 30))
                .getMessage().contains("at least 64x64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SourceConfig.simulator(1, 640, 480, 0))
                .getMessage().contains("frame rate > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceConfig.device("/dev/video0", InputFormat.YUYV, 0, 0, Double.NaN)).getMessage()
                .contains("fps"));
    }

    @Test
    void theSimulatorSourceDeliversTheSimulatorsFramesInOrder() {
        List<Frame> got = new CopyOnWriteArrayList<>();
        double spacing;
        // 128x96 is too small for most lesions at 0.1 mm/px: the source steps to a coarser spacing until one fits
        try (SimulatorSource src = (SimulatorSource) FrameSources.open(SourceConfig.simulator(7, 128, 96, 50))) {
            src.start(got::add);
            Waits.until(Duration.ofSeconds(15), () -> got.size() >= 3, () -> "3 simulated frames; " + src.status());
            assertEquals(SourceStatus.State.RUNNING, src.status().state());
            assertThrows(IllegalStateException.class, () -> src.start(f -> { }), "started twice");
            spacing = src.pixelSpacingMm();
        }
        assertTrue(spacing >= 0.1 && spacing <= 1.0, "spacing " + spacing);
        EusFrameSimulator reference = new EusFrameSimulator(7, 128, 96, spacing);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(reference.nextLiveFrame().pixels(), got.get(i).image().pixels(), "frame " + i);
            if (i > 0) assertTrue(got.get(i).sequence() > got.get(i - 1).sequence());
        }
    }

    @Test
    void theDefaultSourceRunsWithNoHardware() {
        List<Frame> got = new CopyOnWriteArrayList<>();
        try (FrameSource src = FrameSources.open(SourceConfig.defaults())) {
            src.start(got::add);
            Waits.until(Duration.ofSeconds(20), () -> got.size() >= 3, () -> "3 default frames; " + src.status());
        }
        assertEquals(640, got.getFirst().image().width());
        assertEquals(480, got.getFirst().image().height());
    }

    @Test
    void parsesOneLineSpecs() {
        assertEquals(SourceConfig.simulator(1, 640, 480, 30), SourceConfig.parse("simulator"));
        assertEquals(SourceConfig.simulator(7, 800, 600, 25), SourceConfig.parse("simulator?size=800x600&fps=25&seed=7"));
        assertEquals(SourceConfig.device("/dev/video0", InputFormat.YUYV, 1920, 1080, 30),
                SourceConfig.parse("device:/dev/video0?format=yuyv&size=1920x1080&fps=30"));
        assertEquals(SourceConfig.device("/dev/video2", InputFormat.MJPEG, 0, 0, 0), SourceConfig.parse("/dev/video2"));
        assertEquals(SourceConfig.file(java.nio.file.Path.of("clips/a.mp4")), SourceConfig.parse("file:clips/a.mp4"));
        assertEquals(SourceConfig.stream("rtsp://user:pw@10.0.0.5:554/live"),
                SourceConfig.parse("rtsp://user:pw@10.0.0.5:554/live"));
        assertEquals(SourceConfig.Kind.STREAM, SourceConfig.parse("udp://@:5000").kind());
    }

    @Test
    void badSpecsSayWhatToWrite() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SourceConfig.parse("webcam")).getMessage()
                .startsWith("unknown source spec webcam: use simulator, device:/dev/video0, file:PATH"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceConfig.parse("device:/dev/video0?format=h264")).getMessage()
                .contains("format must be YUYV or MJPEG, got H264"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceConfig.parse("simulator?size=big")).getMessage()
                .contains("size must look like 1920x1080, got big"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceConfig.parse("simulator?colour=red")).getMessage().contains("unknown option colour"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceConfig.parse("simulator?seed=x1")).getMessage().contains("seed must be an integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SourceConfig.parse(" ")).getMessage()
                .startsWith("empty source spec"));
    }
}
