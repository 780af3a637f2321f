/**
 * Frames, lesion ROIs and the lesion crop shared by the trainer and the appliance.
 *
 * <p>Coordinates: image pixels, x to the right, y down; pixel (i, j) covers [i, i+1) x [j, j+1) and its centre is
 * (i + 0.5, j + 0.5). Polygons are rasterised at pixel centres with the even-odd rule; boxes are half-open.
 * The simulator in {@code org.eusedge.imaging.sim} makes synthetic frames and cohorts for demos and tests only.
 */
package org.eusedge.imaging;
