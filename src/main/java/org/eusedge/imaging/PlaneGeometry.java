package org.eusedge.imaging;

import java.util.Arrays;

/**
 * The few planar-geometry routines the ROI code needs (convex hull, caliper diameter, segment intersection).
 * Written here because neither the JDK nor the project's libraries offer them on plain coordinate arrays
 * (java.awt.geom has no hull and no robust segment-overlap test).
 */
final class PlaneGeometry {
    private PlaneGeometry() {}

    /** Signed shoelace area: positive for counter-clockwise vertices in a y-up frame. */
    static double signedArea(double[] xs, double[] ys) {
        double sum = 0;
        int n = xs.length;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            sum += xs[j] * ys[i] - xs[i] * ys[j];
        }
        return sum / 2;
    }

    /** Convex hull by Andrew's monotone chain; returns {xs, ys} in counter-clockwise order, no collinear points. */
    static double[][] convexHull(double[] xs, double[] ys) {
        int n = xs.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> xs[a] != xs[b] ? Double.compare(xs[a], xs[b]) : Double.compare(ys[a], ys[b]));
        int[] hull = new int[2 * n + 1];
        int k = 0;
        for (int idx = 0; idx < n; idx++) {
            int p = order[idx];
            while (k >= 2 && cross(xs, ys, hull[k - 2], hull[k - 1], p) <= 0) k--;
            hull[k++] = p;
        }
        for (int idx = n - 2, lower = k + 1; idx >= 0; idx--) {
            int p = order[idx];
            while (k >= lower && cross(xs, ys, hull[k - 2], hull[k - 1], p) <= 0) k--;
            hull[k++] = p;
        }
        int m = Math.max(1, k - 1); // the last point repeats the first
        double[] hx = new double[m];
        double[] hy = new double[m];
        for (int i = 0; i < m; i++) {
            hx[i] = xs[hull[i]];
            hy[i] = ys[hull[i]];
        }
        return new double[][] {hx, hy};
    }

    private static double cross(double[] xs, double[] ys, int o, int a, int b) {
        return (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
    }

    /** Largest distance between two of the points: taken over the convex hull, where the extremes lie. */
    static double maxPairDistance(double[] xs, double[] ys) {
        if (xs.length < 2) return 0;
        double[][] h = convexHull(xs, ys);
        double[] hx = h[0];
        double[] hy = h[1];
        double best = 0;
        for (int i = 0; i < hx.length; i++) {
            for (int j = i + 1; j < hx.length; j++) {
                double dx = hx[i] - hx[j];
                double dy = hy[i] - hy[j];
                best = Math.max(best, dx * dx + dy * dy);
            }
        }
        return Math.sqrt(best);
    }

    /** Orientation of the triple: +1 counter-clockwise, -1 clockwise, 0 collinear. */
    private static int orientation(double ax, double ay, double bx, double by, double cx, double cy) {
        double v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        return v > 0 ? 1 : v < 0 ? -1 : 0;
    }

    private static boolean onSegment(double ax, double ay, double bx, double by, double px, double py) {
        return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
    }

    /** Whether closed segments AB and CD share at least one point (touching and collinear overlap included). */
    static boolean segmentsIntersect(double ax, double ay, double bx, double by,
                                     double cx, double cy, double dx, double dy) {
        int o1 = orientation(ax, ay, bx, by, cx, cy);
        int o2 = orientation(ax, ay, bx, by, dx, dy);
        int o3 = orientation(cx, cy, dx, dy, ax, ay);
        int o4 = orientation(cx, cy, dx, dy, bx, by);
        if (o1 != o2 && o3 != o4) return true;
        return (o1 == 0 && onSegment(ax, ay, bx, by, cx, cy))
                || (o2 == 0 && onSegment(ax, ay, bx, by, dx, dy))
                || (o3 == 0 && onSegment(cx, cy, dx, dy, ax, ay))
                || (o4 == 0 && onSegment(cx, cy, dx, dy, bx, by));
    }

    /** Drops consecutive repeated vertices, and a closing vertex that repeats the first. */
    static double[][] dropRepeatedVertices(double[] xs, double[] ys) {
        int n = xs.length;
        double[] ox = new double[n];
        double[] oy = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && ox[m - 1] == xs[i] && oy[m - 1] == ys[i]) continue;
            ox[m] = xs[i];
            oy[m++] = ys[i];
        }
        while (m > 1 && ox[m - 1] == ox[0] && oy[m - 1] == oy[0]) m--;
        return new double[][] {Arrays.copyOf(ox, m), Arrays.copyOf(oy, m)};
    }

    /**
     * The first pair of edges (i, j), i < j, edge k joining vertex k to k + 1 (cyclically), that makes the closed
     * outline non-simple: non-adjacent edges sharing a point, or adjacent edges running back over each other
     * (a spike A -> B -> A); null for a simple outline. O(n^2): outlines are hand-drawn, a few hundred vertices.
     */
    static int[] firstSelfIntersection(double[] xs, double[] ys) {
        int n = xs.length;
        for (int i = 0; i < n; i++) {
            int i2 = (i + 1) % n;
            for (int j = i + 1; j < n; j++) {
                int j2 = (j + 1) % n;
                if (j == i2 || j2 == i) {
                    if (foldsBack(xs, ys, i, i2, j, j2)) return new int[] {i, j};
                } else if (segmentsIntersect(xs[i], ys[i], xs[i2], ys[i2], xs[j], ys[j], xs[j2], ys[j2])) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    /** Adjacent edges that share vertex s and leave it in the same direction overlap along a segment. */
    private static boolean foldsBack(double[] xs, double[] ys, int i, int i2, int j, int j2) {
        int s = j == i2 ? i2 : i;
        int a = j == i2 ? i : i2;
        int b = j == i2 ? j2 : j;
        double ax = xs[a] - xs[s], ay = ys[a] - ys[s];
        double bx = xs[b] - xs[s], by = ys[b] - ys[s];
        return ax * by - ay * bx == 0 && ax * bx + ay * by > 0;
    }

    /** A point shared by segments AB and CD, which must intersect: the crossing, or an end inside the overlap. */
    static double[] intersectionPoint(double ax, double ay, double bx, double by,
                                      double cx, double cy, double dx, double dy) {
        double rx = bx - ax, ry = by - ay, sx = dx - cx, sy = dy - cy;
        double denom = rx * sy - ry * sx;
        if (denom != 0) {
            double t = ((cx - ax) * sy - (cy - ay) * sx) / denom;
            t = Math.max(0, Math.min(1, t));
            return new double[] {ax + t * rx, ay + t * ry};
        }
        if (orientation(ax, ay, bx, by, cx, cy) == 0 && onSegment(ax, ay, bx, by, cx, cy)) return new double[] {cx, cy};
        if (orientation(ax, ay, bx, by, dx, dy) == 0 && onSegment(ax, ay, bx, by, dx, dy)) return new double[] {dx, dy};
        return new double[] {ax, ay};
    }
}
