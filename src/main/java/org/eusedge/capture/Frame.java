package org.eusedge.capture;

import org.eusedge.imaging.GreyImage;

/**
 * One captured video frame: a sequence number unique within the running service, the capture time
 * (System.nanoTime clock), and the picture as grey levels (B-mode content; what the lesion crop reads).
 */
public record Frame(long sequence, long timestampNanos, GreyImage image) {}
