package org.eusedge.capture;

/** What the status bar shows about the video source: its state, a detail (the last error), and the measured rate. */
public record SourceStatus(State state, String detail, double fps, long framesDelivered) {
    public enum State { STARTING, RUNNING, RECONNECTING, STOPPED }
}
