package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eusedge.imaging.GreyImage;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The replayer on the real POCUS clips of ../shared/data/ultrasound-video (sizes, rates and counts from SOURCE.md). */
@Timeout(60)
class FileSourceTest {
    static final Path MP4 = SharedData.path("data/ultrasound-video/Reg_Image_181602_trimmed_crop.mp4");
    static final Path AVI = SharedData.path("data/ultrasound-video/Reg_northumbria_1009_vid1.avi");

    /** Frames delivered in the first pass and the first frames after the loop, recorded on the source's thread. */
    private static final class LoopRecorder {
        final List<Frame> firstPass = new ArrayList<>();
        final List<Frame> secondPass = new ArrayList<>();
        volatile boolean done;
    }

    private static LoopRecorder playTwice(Path clip) {
        LoopRecorder r = new LoopRecorder();
        try (FileSource src = new FileSource(clip, FileSource.Pace.AS_FAST_AS_POSSIBLE)) {
            src.start(f -> {
                if (r.done) return;
                if (src.loops() == 0) r.firstPass.add(f);
                else if (r.secondPass.size() < 5) r.secondPass.add(f);
                else r.done = true;
            });
            Waits.until(Duration.ofSeconds(40), () -> r.done, () -> clip.getFileName() + " did not loop: "
                    + r.firstPass.size() + " frames, status " + src.status());
            assertEquals(SourceStatus.State.RUNNING, src.status().state());
        }
        return r;
    }

    @Test
    void mp4PlaysAllFramesAtItsSizeAndLoopsBackToTheSameFirstPicture() throws Exception {
        LoopRecorder r = playTwice(MP4);
        // SOURCE.md: H.264, 386x386, 374 frames
        assertEquals(374, r.firstPass.size());
        for (Frame f : r.firstPass) {
            assertEquals(386, f.image().width());
            assertEquals(386, f.image().height());
        }
        assertArrayEquals(r.firstPass.getFirst().image().pixels(), r.secondPass.getFirst().image().pixels(),
                "after the loop the replay starts again with the clip's first picture");
        assertTrue(r.secondPass.getFirst().sequence() > r.firstPass.getLast().sequence(), "sequences keep rising");
        // the grey picture is what the ffmpeg command line makes of the first frame (8-bit grey, same swscale path)
        GreyImage reference = firstFrameByFfmpegCli(MP4, 386, 386);
        assertTrue(meanAbsDiff(reference, r.firstPass.getFirst().image()) < 1.0,
                "grey conversion differs from ffmpeg -pix_fmt gray");
    }

    @Test
    void aviPlaysAllFramesAtItsSizeAndLoops() {
        LoopRecorder r = playTwice(AVI);
        // SOURCE.md: MPEG-4 Part 2 in AVI, 478x478, 92 frames
        assertEquals(92, r.firstPass.size());
        assertEquals(478, r.firstPass.getFirst().image().width());
        assertEquals(478, r.firstPass.getFirst().image().height());
        assertEquals(5, r.secondPass.size());
    }

    @Test
    void readsTheClipsOwnFrameRateAndDoesNotPlayFasterThanIt() {
        List<Long> stamps = new ArrayList<>();
        try (FileSource src = new FileSource(MP4)) {
            src.start(f -> {
                synchronized (stamps) {
                    stamps.add(f.timestampNanos());
                }
            });
            Waits.until(Duration.ofSeconds(20), () -> {
                synchronized (stamps) {
                    return stamps.size() >= 45;
                }
            }, () -> "45 paced frames; status " + src.status());
            // SOURCE.md: ~29 fps (the container says 779000/26827 = 29.04)
            assertEquals(779000.0 / 26827, src.frameRate(), 0.01);
            assertTrue(src.describe().contains("386x386"), src.describe());
        }
        List<Long> s;
        synchronized (stamps) {
            s = List.copyOf(stamps.subList(0, 45));
        }
        double meanIntervalMs = (s.getLast() - s.getFirst()) / 1e6 / (s.size() - 1);
        // paced at the source rate: never faster than the file's 34.4 ms per frame (a little scheduling slack)
        assertTrue(meanIntervalMs > 0.9 * 1000 / 29.04, "frames came every " + meanIntervalMs + " ms");
    }

    @Test
    void aMissingFileIsRefusedWithItsPath() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FileSource(Path.of("no-such-clip.mp4")));
        assertTrue(e.getMessage().contains("video file not found") && e.getMessage().contains("no-such-clip.mp4"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotVideoReportsReconnectingWithTheReason(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path junk = dir.resolve("notes.mp4");
        java.nio.file.Files.writeString(junk, "this is text, not video");
        try (FileSource src = new FileSource(junk)) {
            src.start(f -> { });
            Waits.until(Duration.ofSeconds(10), () -> src.status().state() == SourceStatus.State.RECONNECTING,
                    () -> "RECONNECTING for a text file; status " + src.status());
            assertTrue(src.status().detail().contains("cannot play") && src.status().detail().contains("notes.mp4"),
                    src.status().detail());
        }
    }

    static GreyImage firstFrameByFfmpegCli(Path clip, int w, int h) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", clip.toString(), "-frames:v", "1",
                "-pix_fmt", "gray", "-f", "rawvideo", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ffmpeg did not finish");
        assertEquals(0, p.exitValue(), "ffmpeg failed to decode " + clip);
        return new GreyImage(w, h, out.toByteArray());
    }

    static double meanAbsDiff(GreyImage a, GreyImage b) {
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) sum += Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff));
        return (double) sum / a.pixels().length;
    }
}
