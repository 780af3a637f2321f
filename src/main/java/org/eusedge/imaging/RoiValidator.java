package org.eusedge.imaging;

import static org.eusedge.imaging.InvalidRoiException.Rule.EMPTY_MASK;
import static org.eusedge.imaging.InvalidRoiException.Rule.MASK_SIZE_MISMATCH;
import static org.eusedge.imaging.InvalidRoiException.Rule.NOT_FINITE;
import static org.eusedge.imaging.InvalidRoiException.Rule.OUTSIDE_FRAME;
import static org.eusedge.imaging.InvalidRoiException.Rule.SELF_INTERSECTING;
import static org.eusedge.imaging.InvalidRoiException.Rule.TOO_FEW_VERTICES;
import static org.eusedge.imaging.InvalidRoiException.Rule.TOO_SMALL;

import java.util.Locale;
import java.util.Objects;

/**
 * Checks that an ROI can be cropped and scored on a frame; throws {@link InvalidRoiException} naming the first
 * broken rule. Polygons: enough vertices, finite coordinates, every vertex within [0, width] x [0, height], a simple
 * outline (no two non-adjacent edges meet; consecutive repeated vertices are ignored), enough area. Masks: the
 * frame's size, not empty, enough pixels.
 */
public final class RoiValidator {
    private RoiValidator() {}

    public static void validate(Roi roi, int frameWidth, int frameHeight) {
        validate(roi, frameWidth, frameHeight, RoiRules.defaults());
    }

    public static void validate(Roi roi, int frameWidth, int frameHeight, RoiRules rules) {
        Objects.requireNonNull(roi, "roi");
        Objects.requireNonNull(rules, "rules");
        if (frameWidth <= 0 || frameHeight <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + frameWidth + "x" + frameHeight);
        }
        switch (roi) {
            case PolygonRoi p -> validatePolygon(p, frameWidth, frameHeight, rules);
            case MaskRoi m -> validateMask(m, frameWidth, frameHeight, rules);
        }
    }

    private static void validatePolygon(PolygonRoi p, int w, int h, RoiRules rules) {
        double[] xs = p.xs();
        double[] ys = p.ys();
        int n = xs.length;
        if (n < rules.minVertices()) {
            throw new InvalidRoiException(TOO_FEW_VERTICES, "the polygon has " + n + " vertices, at least "
                    + rules.minVertices() + " are needed; outline the lesion with more points");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                throw new InvalidRoiException(NOT_FINITE, "vertex " + i + " is (" + xs[i] + ", " + ys[i]
                        + "); every coordinate must be a finite number of pixels");
            }
        }
        for (int i = 0; i < n; i++) {
            if (xs[i] < 0 || ys[i] < 0 || xs[i] > w || ys[i] > h) {
                throw new InvalidRoiException(OUTSIDE_FRAME, String.format(Locale.ROOT,
                        "vertex %d is (%.2f, %.2f), outside the %dx%d frame (x in [0, %d], y in [0, %d]);"
                                + " redraw the outline inside the image", i, xs[i], ys[i], w, h, w, h));
            }
        }
        checkSimple(xs, ys);
        double area = p.areaPx();
        if (area < rules.minAreaPx()) {
            throw new InvalidRoiException(TOO_SMALL, String.format(Locale.ROOT,
                    "the polygon encloses %.1f px^2, less than the minimum %.1f px^2; outline the whole lesion"
                            + " (zoom in if it is small)", area, rules.minAreaPx()));
        }
    }

    /** O(n^2) test of every pair of non-adjacent edges (n is a hand-drawn outline, at most a few hundred). */
    private static void checkSimple(double[] rawXs, double[] rawYs) {
        double[][] v = PlaneGeometry.dropRepeatedVertices(rawXs, rawYs);
        double[] xs = v[0];
        double[] ys = v[1];
        int n = xs.length;
        if (n < 3) {
            throw new InvalidRoiException(TOO_FEW_VERTICES, "the polygon has only " + n
                    + " distinct vertices; outline the lesion with at least 3 different points");
        }
        int[] pair = PlaneGeometry.firstSelfIntersection(xs, ys);
        if (pair != null) throw selfIntersecting(pair[0], pair[1], xs, ys);
    }

    private static InvalidRoiException selfIntersecting(int i, int j, double[] xs, double[] ys) {
        int n = xs.length;
        return new InvalidRoiException(SELF_INTERSECTING, String.format(Locale.ROOT,
                "edge %d (%.1f, %.1f)-(%.1f, %.1f) meets edge %d (%.1f, %.1f)-(%.1f, %.1f); the outline must not"
                        + " cross or touch itself: redraw it as one simple loop (for a freehand outline whose end overshoots its"
                        + " start, OutlineRepair.removeSelfCrossings keeps the main loop)",
                i, xs[i], ys[i], xs[(i + 1) % n], ys[(i + 1) % n], j, xs[j], ys[j], xs[(j + 1) % n], ys[(j + 1) % n]));
    }

    private static void validateMask(MaskRoi m, int w, int h, RoiRules rules) {
        if (m.width() != w || m.height() != h) {
            throw new InvalidRoiException(MASK_SIZE_MISMATCH, "the mask is " + m.width() + "x" + m.height()
                    + " but the frame is " + w + "x" + h + "; use the mask drawn on this very frame (same size)");
        }
        int count = m.count();
        if (count == 0) {
            throw new InvalidRoiException(EMPTY_MASK, "the mask has no foreground pixel (alpha or grey > 127);"
                    + " check that the right mask file was given");
        }
        if (count < rules.minAreaPx()) {
            throw new InvalidRoiException(TOO_SMALL, String.format(Locale.ROOT,
                    "the mask has %d px, less than the minimum %.1f px^2; outline the whole lesion", count,
                    rules.minAreaPx()));
        }
    }
}
