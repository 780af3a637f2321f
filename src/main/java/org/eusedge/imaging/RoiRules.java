package org.eusedge.imaging;

/** Limits an ROI must meet to be scored. */
public record RoiRules(int minVertices, double minAreaPx) {

    public RoiRules {
        if (minVertices < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices; minVertices was " + minVertices);
        }
        if (!(minAreaPx >= 0) || Double.isInfinite(minAreaPx)) {
            throw new IllegalArgumentException("minAreaPx must be a finite number >= 0, got " + minAreaPx);
        }
    }

    /** At least 3 vertices and 64 square pixels (an 8 x 8 patch: smaller outlines are usually a stray touch). */
    public static RoiRules defaults() {
        return new RoiRules(3, 64);
    }
}
