package org.eusedge.capture;

/**
 * One live-view picture ready to send: the JPEG bytes of frame {@code sequence}, its size, when the frame was
 * captured and when its JPEG was ready (both System.nanoTime), so {@code readyNanos - captureNanos} is the latency
 * capture and encoding added.
 */
public record LiveJpeg(long sequence, int width, int height, long captureNanos, long readyNanos, byte[] jpeg) {

    /** Capture to JPEG ready, in milliseconds. */
    public double addedLatencyMs() {
        return (readyNanos - captureNanos) / 1e6;
    }
}
