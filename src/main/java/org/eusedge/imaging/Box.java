package org.eusedge.imaging;

/** A half-open pixel box: columns x0 (inclusive) to x1 (exclusive), rows y0 to y1. May extend past a frame. */
public record Box(int x0, int y0, int x1, int y1) {

    public Box {
        if (x1 < x0 || y1 < y0) {
            throw new IllegalArgumentException("box corners are out of order: (" + x0 + ", " + y0 + ") to (" + x1
                    + ", " + y1 + "); x1 must be >= x0 and y1 >= y0");
        }
    }

    public int width() {
        return x1 - x0;
    }

    public int height() {
        return y1 - y0;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return x1 == x0 || y1 == y0;
    }
}
