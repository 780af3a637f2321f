package org.eusedge.imaging;

import java.util.Objects;

/**
 * Makes a hand-drawn outline simple. Freehand tools often close a loop past its start, or cross it once in a hurry:
 * in the DDTI thyroid annotations about a quarter of the outlines do. Where two edges meet, the outline splits into
 * two loops at the meeting point; the loop with the larger area is kept, and this repeats until no edges meet. A
 * fold back (A -> B -> A) loses its tip. The UI should show the result to the operator; the validator stays strict.
 * Written here because no library on the classpath repairs polygons (JTS would, but is not a dependency).
 */
public final class OutlineRepair {
    private OutlineRepair() {}

    /** The largest simple loop of the outline; a simple outline comes back with its vertices unchanged. */
    public static PolygonRoi removeSelfCrossings(PolygonRoi outline) {
        Objects.requireNonNull(outline, "outline");
        double[][] v = PlaneGeometry.dropRepeatedVertices(outline.xs(), outline.ys());
        double[] xs = v[0];
        double[] ys = v[1];
        for (int guard = outline.vertexCount() + 1; guard > 0 && xs.length >= 3; guard--) {
            int[] pair = PlaneGeometry.firstSelfIntersection(xs, ys);
            if (pair == null) return xs.length == outline.vertexCount() ? outline : new PolygonRoi(xs, ys);
            int n = xs.length;
            int i = pair[0];
            int j = pair[1];
            int i2 = (i + 1) % n;
            int j2 = (j + 1) % n;
            if (j == i2 || j2 == i) { // a fold back: drop the shared vertex
                int s = j == i2 ? i2 : i;
                v = remove(xs, ys, s);
            } else {
                double[] p = PlaneGeometry.intersectionPoint(xs[i], ys[i], xs[i2], ys[i2], xs[j], ys[j], xs[j2], ys[j2]);
                double[][] inner = loop(xs, ys, p, i + 1, j);          // P, v[i+1] .. v[j]
                double[][] outer = loop(xs, ys, p, j + 1, i + n);      // P, v[j+1] .. v[n-1], v[0] .. v[i]
                double innerArea = Math.abs(PlaneGeometry.signedArea(inner[0], inner[1]));
                double outerArea = Math.abs(PlaneGeometry.signedArea(outer[0], outer[1]));
                v = innerArea >= outerArea ? inner : outer;
            }
            v = PlaneGeometry.dropRepeatedVertices(v[0], v[1]);
            xs = v[0];
            ys = v[1];
        }
        return new PolygonRoi(xs, ys);
    }

    /** The loop P, v[from], ..., v[to] (indices modulo n). */
    private static double[][] loop(double[] xs, double[] ys, double[] p, int from, int to) {
        int n = xs.length;
        int len = to - from + 2;
        double[] lx = new double[len];
        double[] ly = new double[len];
        lx[0] = p[0];
        ly[0] = p[1];
        for (int k = 1; k < len; k++) {
            lx[k] = xs[(from + k - 1) % n];
            ly[k] = ys[(from + k - 1) % n];
        }
        return new double[][] {lx, ly};
    }

    private static double[][] remove(double[] xs, double[] ys, int index) {
        double[] nx = new double[xs.length - 1];
        double[] ny = new double[ys.length - 1];
        System.arraycopy(xs, 0, nx, 0, index);
        System.arraycopy(xs, index + 1, nx, index, xs.length - index - 1);
        System.arraycopy(ys, 0, ny, 0, index);
        System.arraycopy(ys, index + 1, ny, index, ys.length - index - 1);
        return new double[][] {nx, ny};
    }
}
