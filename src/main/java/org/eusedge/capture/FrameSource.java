package org.eusedge.capture;

import java.util.function.Consumer;

/**
 * A live video source (capture device, file replayer, network stream, simulator). It runs its own grabbing thread,
 * hands each frame to the consumer without ever waiting on it, and survives the device or stream going away:
 * it reports that in {@link #status()}, retries with back-off and resumes by itself.
 */
public interface FrameSource extends AutoCloseable {

    /** Starts grabbing; frames go to {@code sink} on the source's thread. The sink must return quickly. */
    void start(Consumer<Frame> sink);

    SourceStatus status();

    /** Human-readable description for the status bar, e.g. "V4L2 /dev/video0 1920x1080 MJPEG". */
    String describe();

    @Override
    void close();
}
