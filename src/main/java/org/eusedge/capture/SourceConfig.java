package org.eusedge.capture;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which live source to open and how: one record for all four kinds (the appliance's config picks one). Fields a kind
 * does not use are null or 0. Build it with the factories ({@link #device}, {@link #file}, {@link #stream},
 * {@link #simulator}); the constructor checks what the chosen kind needs and says what is missing.
 *
 * @param device      capture device path, e.g. /dev/video0 (DEVICE)
 * @param inputFormat what the device should send: YUYV (raw 4:2:2) or MJPEG (DEVICE)
 * @param width       frame width asked of the device, or of the simulator; 0 = the device's default
 * @param height      frame height, as width
 * @param fps         frame rate asked of the device, or the simulator's rate; 0 = the device's default
 * @param file        video file replayed in a loop (FILE)
 * @param url         network stream, rtsp/rtsps/rtmp/udp/rtp/tcp/http/https/srt (STREAM)
 * @param seed        the simulator's random seed (SIMULATOR)
 */
public record SourceConfig(Kind kind, String device, InputFormat inputFormat, int width, int height, double fps,
                           Path file, String url, long seed) {

    public enum Kind { DEVICE, FILE, STREAM, SIMULATOR }

    /** The V4L2 pixel formats a UVC/HDMI grabber offers; the name FFmpeg's v4l2 demuxer takes as input_format. */
    public enum InputFormat {
        YUYV("yuyv422"), MJPEG("mjpeg");

        private final String ffmpegName;

        InputFormat(String ffmpegName) {
            this.ffmpegName = ffmpegName;
        }

        public String ffmpegName() {
            return ffmpegName;
        }
    }

    static final Set<String> STREAM_SCHEMES = Set.of("rtsp", "rtsps", "rtmp", "udp", "rtp", "tcp", "http", "https",
            "srt");

    public SourceConfig {
        Objects.requireNonNull(kind, "kind");
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("frame size must be both positive (or both 0 for the default), got "
                    + width + "x" + height);
        }
        if (!(fps >= 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be a finite number >= 0 (0 = default), got " + fps);
        }
        switch (kind) {
            case DEVICE -> {
                if (device == null || device.isBlank()) {
                    throw new IllegalArgumentException("a DEVICE source needs a device path such as /dev/video0");
                }
                if (inputFormat == null) {
                    throw new IllegalArgumentException("a DEVICE source needs an input format: YUYV or MJPEG");
                }
            }
            case FILE -> {
                if (file == null) throw new IllegalArgumentException("a FILE source needs the path of a video file");
            }
            case STREAM -> checkStreamUrl(url);
            case SIMULATOR -> {
                if (width < 64 || height < 64) {
                    throw new IllegalArgumentException("the simulator needs a frame size of at least 64x64, got "
                            + width + "x" + height);
                }
                if (fps <= 0) throw new IllegalArgumentException("the simulator needs a frame rate > 0, got " + fps);
            }
        }
    }

    public static SourceConfig device(String device, InputFormat inputFormat, int width, int height, double fps) {
        return new SourceConfig(Kind.DEVICE, device, inputFormat, width, height, fps, null, null, 0);
    }

    public static SourceConfig file(Path file) {
        return new SourceConfig(Kind.FILE, null, null, 0, 0, 0, file, null, 0);
    }

    public static SourceConfig stream(String url) {
        return new SourceConfig(Kind.STREAM, null, null, 0, 0, 0, null, url, 0);
    }

    public static SourceConfig simulator(long seed, int width, int height, double fps) {
        return new SourceConfig(Kind.SIMULATOR, null, null, width, height, fps, null, null, seed);
    }

    /** What the appliance runs with no hardware and no configuration: the simulator, 640x480 at 30 fps. */
    public static SourceConfig defaults() {
        return simulator(1, 640, 480, 30);
    }

    /**
     * Reads a one-line source spec, as a command-line flag or config entry gives it:
     * <ul>
     *   <li>{@code simulator} or {@code simulator?size=640x480&fps=30&seed=1}</li>
     *   <li>{@code device:/dev/video0?format=MJPEG&size=1920x1080&fps=30} (format defaults to MJPEG, size and
     *       fps to the device's own); a bare {@code /dev/video0} works too</li>
     *   <li>{@code file:clips/case12.mp4} (relative paths against the working folder)</li>
     *   <li>a stream URL: {@code rtsp://host:554/live}, {@code udp://@:5000}, {@code http://...}, ...</li>
     * </ul>
     */
    public static SourceConfig parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty source spec: use simulator, device:/dev/video0, file:PATH"
                    + " or a stream URL such as rtsp://host/live");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String scheme = colon > 0 ? s.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        if (STREAM_SCHEMES.contains(scheme)) return stream(s);
        if (scheme.equals("file")) {
            String path = s.substring(colon + 1);
            if (path.isBlank()) throw new IllegalArgumentException("source spec " + spec + " names no file");
            return file(Path.of(path));
        }
        int q = s.indexOf('?');
        String head = q < 0 ? s : s.substring(0, q);
        Map<String, String> opts = options(spec, q < 0 ? "" : s.substring(q + 1));
        if (head.equalsIgnoreCase("simulator") || head.equalsIgnoreCase("sim")) {
            int[] size = size(spec, opts.getOrDefault("size", "640x480"));
            String seed = opts.getOrDefault("seed", "1");
            if (!seed.matches("-?\\d{1,18}")) {
                throw new IllegalArgumentException("source spec " + spec + ": seed must be an integer, got " + seed);
            }
            return simulator(Long.parseLong(seed), size[0], size[1],
                    number(spec, "fps", opts.getOrDefault("fps", "30")));
        }
        String device = scheme.equals("device") ? head.substring(colon + 1) : head.startsWith("/dev/") ? head : null;
        if (device != null) {
            String fmt = opts.getOrDefault("format", "MJPEG").toUpperCase(Locale.ROOT);
            InputFormat format;
            try {
                format = InputFormat.valueOf(fmt);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("source spec " + spec + ": format must be YUYV or MJPEG, got "
                        + fmt, e);
            }
            int[] size = opts.containsKey("size") ? size(spec, opts.get("size")) : new int[] {0, 0};
            return device(device, format, size[0], size[1], number(spec, "fps", opts.getOrDefault("fps", "0")));
        }
        throw new IllegalArgumentException("unknown source spec " + spec + ": use simulator, device:/dev/video0,"
                + " file:PATH or a stream URL (" + STREAM_SCHEMES.stream().sorted().toList() + ")");
    }

    private static Map<String, String> options(String spec, String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("source spec " + spec + ": expected key=value, got " + pair);
            String key = pair.substring(0, eq).toLowerCase(Locale.ROOT);
            if (!Set.of("size", "fps", "seed", "format").contains(key)) {
                throw new IllegalArgumentException("source spec " + spec + ": unknown option " + key
                        + " (known: size, fps, seed, format)");
            }
            out.put(key, pair.substring(eq + 1));
        }
        return out;
    }

    private static int[] size(String spec, String text) {
        String[] wh = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (wh.length == 2) return new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
        } catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("source spec " + spec + ": size must look like 1920x1080, got " + text);
    }

    private static double number(String spec, String key, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("source spec " + spec + ": " + key + " must be a number, got " + text,
                    e);
        }
    }

    private static void checkStreamUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a STREAM source needs a URL such as rtsp://host:554/live");
        }
        String scheme;
        try {
            scheme = URI.create(url).getScheme();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid stream URL: " + url + " (" + e.getMessage() + ")", e);
        }
        if (scheme == null || !STREAM_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("unsupported stream URL " + url + ": use one of the schemes "
                    + STREAM_SCHEMES.stream().sorted().toList());
        }
    }
}
