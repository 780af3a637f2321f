package org.eusedge.imaging;

/**
 * A lesion region of interest in image pixel coordinates, where pixel (i, j) covers [i, i+1) x [j, j+1) and its centre
 * is (i + 0.5, j + 0.5).
 */
public sealed interface Roi permits PolygonRoi, MaskRoi {

    /** The smallest half-open pixel box holding the region. */
    Box bounds();

    /** The pixels whose centre is inside the region (even-odd rule for polygons), row-major, width * height long. */
    boolean[] rasterize(int width, int height);

    /** Area in square pixels (exact polygon area, or the number of mask pixels). */
    double areaPx();

    /** Maximum caliper (Feret) distance in pixels; times the pixel spacing gives the lesion's max diameter. */
    double feretDiameterPx();
}
