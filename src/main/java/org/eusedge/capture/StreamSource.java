package org.eusedge.capture;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * A network video stream (rtsp, udp, rtp, tcp, http, srt, ...) read by FFmpeg. Reads time out after
 * {@value #TIMEOUT_MICROS} µs, so a dead sender is noticed within about two seconds; then the source reports
 * RECONNECTING, retries with back-off and resumes by itself when the sender is back.
 */
public final class StreamSource extends RetryingSource {
    static final long TIMEOUT_MICROS = 2_000_000;

    private final String url;

    public StreamSource(String url) {
        super(Backoff.standard());
        this.url = Objects.requireNonNull(url, "url");
        SourceConfig.stream(url); // validates the URL with a clear message
    }

    @Override
    public String describe() {
        return "stream " + url;
    }

    @Override
    protected Session open() throws Exception {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(url);
        String timeout = Long.toString(TIMEOUT_MICROS);
        // rw_timeout: FFmpeg's generic read/write timeout of any protocol (µs). RTSP's own socket timeout is
        // "timeout" (µs; it was "stimeout" before FFmpeg 5). Not set elsewhere: for rtmp "timeout" means "listen".
        g.setOption("rw_timeout", timeout);
        String scheme = URI.create(url).getScheme().toLowerCase(Locale.ROOT);
        if (scheme.startsWith("rtsp")) g.setOption("timeout", timeout);
        // probe briefly: a live stream should show its first picture within a second
        g.setOption("analyzeduration", "1000000");
        g.setOption("fflags", "nobuffer");
        return new FfmpegSession(g);
    }

    @Override
    protected String explain(Exception failure) {
        String msg = String.valueOf(failure.getMessage());
        String why;
        if (msg.contains("error -111")) {
            why = "connection refused (is the sender running?)";
        } else if (msg.contains("error -110") || msg.contains("error -1414092869")) {
            why = "no data within " + TIMEOUT_MICROS / 1000 + " ms (sender stopped or network down)";
        } else {
            why = msg;
        }
        return "stream " + host() + " unreachable: " + why + "; retrying";
    }

    @Override
    protected String endedDetail() {
        return "stream " + host() + " stopped sending; reconnecting";
    }

    /** The URL without user info, for the status bar (credentials stay out of the UI). */
    private String host() {
        URI u = URI.create(url);
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        return scheme + "://" + (u.getHost() == null ? "" : u.getHost()) + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                + (u.getPath() == null ? "" : u.getPath());
    }
}
