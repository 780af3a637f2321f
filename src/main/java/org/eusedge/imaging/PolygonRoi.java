package org.eusedge.imaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * A closed polygon ROI; vertex i is (xs[i], ys[i]) in image pixel coordinates (the last vertex joins the first).
 * The constructor only checks the shapes of the arrays; {@link RoiValidator} checks the geometry.
 */
public record PolygonRoi(double[] xs, double[] ys) implements Roi {

    public PolygonRoi {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ys, "ys");
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("polygon has " + xs.length + " x coordinates but " + ys.length
                    + " y coordinates; give one (x, y) pair per vertex");
        }
        xs = xs.clone();
        ys = ys.clone();
    }

    @Override
    public double[] xs() {
        return xs.clone();
    }

    @Override
    public double[] ys() {
        return ys.clone();
    }

    public int vertexCount() {
        return xs.length;
    }

    @Override
    public Box bounds() {
        if (xs.length == 0) return new Box(0, 0, 0, 0);
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        return new Box((int) Math.floor(minX), (int) Math.floor(minY), (int) Math.ceil(maxX), (int) Math.ceil(maxY));
    }

    /**
     * Scanline fill at pixel centres with the even-odd rule: the centre (i + 0.5, j + 0.5) is inside when a ray to
     * +x crosses the outline an odd number of times (a centre exactly on a left edge counts as inside, on a right
     * edge as outside, so two polygons sharing an edge never both claim a pixel).
     */
    @Override
    public boolean[] rasterize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size must be positive, got " + width + "x" + height);
        }
        boolean[] inside = new boolean[width * height];
        int n = xs.length;
        double[] crossings = new double[n];
        for (int row = 0; row < height; row++) {
            double yc = row + 0.5;
            int count = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                if ((ys[i] > yc) != (ys[j] > yc)) {
                    crossings[count++] = xs[i] + (yc - ys[i]) * (xs[j] - xs[i]) / (ys[j] - ys[i]);
                }
            }
            Arrays.sort(crossings, 0, count);
            for (int k = 0; k + 1 < count; k += 2) {
                // centres cx = col + 0.5 with crossings[k] <= cx < crossings[k + 1]
                int from = Math.max(0, (int) Math.ceil(crossings[k] - 0.5));
                int to = Math.min(width, (int) Math.ceil(crossings[k + 1] - 0.5));
                for (int col = from; col < to; col++) inside[row * width + col] = true;
            }
        }
        return inside;
    }

    @Override
    public double areaPx() {
        return Math.abs(PlaneGeometry.signedArea(xs, ys));
    }

    @Override
    public double feretDiameterPx() {
        return PlaneGeometry.maxPairDistance(xs, ys);
    }

    /** The convex hull of the vertices (counter-clockwise in a y-up frame); area / hull area is the solidity. */
    public PolygonRoi convexHull() {
        double[][] h = PlaneGeometry.convexHull(xs, ys);
        return new PolygonRoi(h[0], h[1]);
    }

    /** This polygon moved by (dx, dy). */
    public PolygonRoi translate(double dx, double dy) {
        double[] nx = new double[xs.length];
        double[] ny = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            nx[i] = xs[i] + dx;
            ny[i] = ys[i] + dy;
        }
        return new PolygonRoi(nx, ny);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolygonRoi p && Arrays.equals(xs, p.xs) && Arrays.equals(ys, p.ys);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
    }

    @Override
    public String toString() {
        return "PolygonRoi[" + xs.length + " vertices, bounds " + bounds() + "]";
    }
}
