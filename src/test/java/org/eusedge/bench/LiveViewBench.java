package org.eusedge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eusedge.capture.FileSource;
import org.eusedge.capture.FrameRing;
import org.eusedge.capture.FreezeSelector;
import org.eusedge.capture.JpegEncoder;
import org.eusedge.capture.LiveJpeg;
import org.eusedge.capture.LiveViewEncoder;

/**
 * The side monitor's live view from a file source at 720p30 and 1080p30 (H.264 clips made here with ffmpeg's
 * testsrc2 into a temp folder):
 * <ul>
 *   <li>paced: the replayer at the clip's 30 fps -> ring + LiveViewEncoder (cap 30 fps, quality 80), the way the
 *       appliance wires it; sustained JPEG fps, dropped frames, the added latency capture -> JPEG ready, and
 *       the time a FREEZE takes to pick the sharpest frame of the last 0.5 s with nothing precomputed;</li>
 *   <li>flat out: decode + grey + JPEG in series on one thread as fast as it goes: the headroom over 30 fps.</li>
 * </ul>
 * Usage: LiveViewBench [seconds per run = 8]. Needs ffmpeg on the PATH.
 */
public final class LiveViewBench {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        System.out.println("machine: " + Machine.describe());
        System.out.println("load average before: " + loadAverage());
        Path dir = Files.createTempDirectory("liveview-bench");
        try {
            for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
                Path clip = makeClip(dir, size[0], size[1]);
                System.out.printf(Locale.ROOT, "%n## %dx%d @30 fps, H.264 (%d KB)%n", size[0], size[1],
                        Files.size(clip) / 1024);
                paced(clip, seconds);
                flatOut(clip, seconds);
            }
            System.out.println("load average after: " + loadAverage());
            System.out.printf(Locale.ROOT, "%nresident memory at the end: %d MB%n", Machine.residentKb() / 1024);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Path makeClip(Path dir, int w, int h) throws Exception {
        Path clip = dir.resolve("testsrc2-" + w + "x" + h + ".mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=" + w + "x" + h + ":rate=30", "-t", "10", "-c:v", "libx264", "-preset", "veryfast",
                "-pix_fmt", "yuv420p", "-g", "30", clip.toString()).inheritIO().start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg could not make the " + w + "x" + h + " test clip");
        }
        return clip;
    }

    private static void paced(Path clip, int seconds) throws Exception {
        FrameRing ring = FrameRing.standard();
        List<Double> latencyMs = Collections.synchronizedList(new ArrayList<>());
        List<Double> freezeMs = new ArrayList<>();
        long offered;
        long encoded;
        double sourceFps;
        long t0;
        long t1;
        List<Double> lat;
        try (FileSource src = new FileSource(clip);
             LiveViewEncoder live = new LiveViewEncoder(30, 80)) {
            live.addListener(j -> latencyMs.add(j.addedLatencyMs()));
            src.start(f -> {
                ring.push(f);
                live.offer(f);
            });
            // warm-up: the first JPEG out, then 1.5 s more for the JIT, decoder and encoder buffers
            long warm = System.nanoTime() + 30_000_000_000L;
            while (live.latest() == null && System.nanoTime() < warm) Thread.sleep(10);
            Thread.sleep(1500);
            latencyMs.clear();
            long offered0 = live.offeredCount();
            long encoded0 = live.encodedCount();
            t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            t1 = System.nanoTime();
            synchronized (latencyMs) {
                lat = new ArrayList<>(latencyMs);
            }
            offered = live.offeredCount() - offered0;
            encoded = live.encodedCount() - encoded0;
            sourceFps = src.status().fps();
            // FREEZE on a cold selector (no sharpness remembered): every frame of the last 0.5 s is measured
            for (int i = 0; i < 20; i++) {
                long f0 = System.nanoTime();
                FreezeSelector.standard(ring).select().orElseThrow();
                freezeMs.add((System.nanoTime() - f0) / 1e6);
                Thread.sleep(50);
            }
        }
        double secs = (t1 - t0) / 1e9;
        System.out.printf(Locale.ROOT, "paced (file source at its 30 fps -> ring + live view, cap 30 fps, q80): "
                        + "source %.1f fps, JPEG %.1f fps sustained over %.0f s, %d of %d frames dropped%n",
                sourceFps, encoded / secs, secs, offered - encoded, offered);
        System.out.println(Machine.header());
        System.out.println(Machine.row("added latency capture -> JPEG ready", lat));
        System.out.println(Machine.row("freeze: sharpest of the last 0.5 s (cold)", freezeMs));
    }

    private static void flatOut(Path clip, int seconds) throws Exception {
        List<Double> perFrameMs = new ArrayList<>();
        long[] count = new long[1];
        long[] last = {0};
        long[] jpegBytes = {0};
        // the source is declared last so it closes first: its thread stops before the encoder it calls is freed
        try (JpegEncoder jpeg = new JpegEncoder(80);
             FileSource src = new FileSource(clip, FileSource.Pace.AS_FAST_AS_POSSIBLE)) {
            // the sink encodes inline (a benchmark only: the appliance never blocks the grabber like this), so the
            // interval between deliveries is one decode + grey + JPEG
            src.start(f -> {
                int size = jpeg.encode(f.image()).length;
                long now = System.nanoTime();
                synchronized (perFrameMs) {
                    jpegBytes[0] += size;
                    if (last[0] != 0) perFrameMs.add((now - last[0]) / 1e6);
                    last[0] = now;
                    count[0]++;
                }
            });
            Thread.sleep(1500);
            synchronized (perFrameMs) {
                perFrameMs.clear();
                count[0] = 0;
                jpegBytes[0] = 0;
            }
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long n;
            long bytes;
            List<Double> samples;
            synchronized (perFrameMs) {
                n = count[0];
                bytes = jpegBytes[0];
                samples = new ArrayList<>(perFrameMs);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "flat out (decode + grey + JPEG q80 in series, one thread): %.1f fps,"
                    + " mean JPEG %d KB%n", n / secs, bytes / Math.max(1, n) / 1024);
            System.out.println(Machine.header());
            System.out.println(Machine.row("decode + grey + JPEG per frame", samples));
        }
    }

    /** Other work on the machine skews the numbers: say how busy it was (1, 5 and 15 min load averages). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
