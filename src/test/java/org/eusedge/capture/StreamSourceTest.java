package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A network stream fed by a real ffmpeg process (MPEG-TS over TCP on loopback, the clip looped in real time); the
 * test kills the sender and starts it again, and the same source object resumes by itself.
 */
@Timeout(90)
class StreamSourceTest {

    private static Process sender(Path clip, int port) throws IOException {
        // -re: real-time pace; -c copy: no re-encoding (H.264 goes into MPEG-TS with SPS/PPS at each key frame)
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-c", "copy", "-f", "mpegts", "tcp://127.0.0.1:" + port + "?listen=1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void recoversWhenTheSenderIsKilledAndRestarted() throws Exception {
        int port = freePort();
        AtomicLong frames = new AtomicLong();
        AtomicReference<Frame> last = new AtomicReference<>();
        Process first = sender(FileSourceTest.MP4, port);
        Process second = null;
        try (StreamSource src = new StreamSource("tcp://127.0.0.1:" + port)) {
            src.start(f -> {
                frames.incrementAndGet();
                last.set(f);
            });
            Waits.until(Duration.ofSeconds(20), () -> frames.get() >= 20,
                    () -> "20 frames from the first sender; got " + frames.get() + ", status " + src.status());
            assertEquals(SourceStatus.State.RUNNING, src.status().state());
            assertEquals(386, last.get().image().width());
            assertEquals(386, last.get().image().height());

            kill(first);
            Waits.until(Duration.ofSeconds(15), () -> src.status().state() == SourceStatus.State.RECONNECTING,
                    () -> "RECONNECTING after the sender died; status " + src.status());
            String detail = src.status().detail();
            assertTrue(detail.contains("tcp://127.0.0.1:" + port), detail);
            long before = frames.get();

            second = sender(FileSourceTest.MP4, port);
            Process started = second;
            Waits.until(Duration.ofSeconds(30), () -> frames.get() >= before + 20,
                    () -> "frames to resume from the restarted sender (alive: " + started.isAlive() + "); got "
                            + (frames.get() - before) + " new, status " + src.status());
            assertEquals(SourceStatus.State.RUNNING, src.status().state());
            assertTrue(src.status().framesDelivered() >= before + 20, src.status().toString());
        } finally {
            kill(first);
            if (second != null) kill(second);
        }
    }

    @Test
    void aSenderThatHangsWithTheConnectionOpenIsNoticedByTheReadTimeout() throws Exception {
        int port = freePort();
        AtomicLong frames = new AtomicLong();
        Process sender = sender(FileSourceTest.MP4, port);
        try (StreamSource src = new StreamSource("tcp://127.0.0.1:" + port)) {
            src.start(f -> frames.incrementAndGet());
            Waits.until(Duration.ofSeconds(20), () -> frames.get() >= 10,
                    () -> "10 frames from the sender; got " + frames.get() + ", status " + src.status());
            // SIGSTOP: the socket stays open but nothing more arrives; only rw_timeout can end the blocked read
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(sender.pid())).start();
            assertTrue(stop.waitFor(5, TimeUnit.SECONDS) && stop.exitValue() == 0, "could not SIGSTOP ffmpeg");
            Waits.until(Duration.ofSeconds(15), () -> src.status().state() == SourceStatus.State.RECONNECTING,
                    () -> "RECONNECTING while the sender hangs; status " + src.status());
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(sender.pid())).start().waitFor(5, TimeUnit.SECONDS);
            kill(sender);
        }
    }

    @Test
    void aStreamNobodySendsReportsRefusedAndNeverThrows() throws Exception {
        int port = freePort();
        try (StreamSource src = new StreamSource("tcp://127.0.0.1:" + port)) {
            src.start(f -> { });
            Waits.until(Duration.ofSeconds(10), () -> src.status().state() == SourceStatus.State.RECONNECTING,
                    () -> "RECONNECTING with no sender; status " + src.status());
            assertTrue(src.status().detail().contains("connection refused"), src.status().detail());
        }
    }

    @Test
    void unsupportedUrlsAreRefusedUpFront() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StreamSource("ftp://camera/live"));
        assertTrue(e.getMessage().contains("ftp://camera/live") && e.getMessage().contains("rtsp"), e.getMessage());
    }
}
