package org.eusedge.capture;

import org.eusedge.imaging.GreyImage;

/**
 * Focus measure: the variance of the Laplacian (Pech-Pacheco et al. 2000), higher = sharper. Our own loop over the
 * grey pixels with the 4-neighbour kernel [0 1 0; 1 -4 1; 0 1 0] (the kernel of OpenCV's Laplacian with ksize=1),
 * evaluated at interior pixels only (no border extrapolation, unlike cv::Laplacian's BORDER_REFLECT_101), and the
 * population variance (divide by n, as cv::meanStdDev). Plain Java keeps it on the heap array with no copy into a
 * native Mat.
 *
 * <p>With {@code step} > 1 it evaluates every step-th interior pixel of every step-th row (the kernel itself stays
 * at full resolution): an unbiased sample of the same statistic at 1/step² of the cost, for large frames.
 */
public final class Sharpness {
    private Sharpness() {}

    /** Variance of the Laplacian over all interior pixels. */
    public static double varianceOfLaplacian(GreyImage image) {
        return varianceOfLaplacian(image, 1);
    }

    public static double varianceOfLaplacian(GreyImage image, int step) {
        if (step < 1) throw new IllegalArgumentException("sampling step must be >= 1, got " + step);
        int w = image.width();
        int h = image.height();
        if (w < 3 || h < 3) {
            throw new IllegalArgumentException("the Laplacian needs an image of at least 3x3, got " + w + "x" + h);
        }
        byte[] p = image.pixels();
        long n = 0;
        long sum = 0;
        long sumSq = 0; // exact: |L| <= 1020, so L² <= ~1e6 per pixel, far below overflow for any frame size
        for (int y = 1; y < h - 1; y += step) {
            int row = y * w;
            for (int x = 1; x < w - 1; x += step) {
                int i = row + x;
                int lap = (p[i - w] & 0xff) + (p[i + w] & 0xff) + (p[i - 1] & 0xff) + (p[i + 1] & 0xff)
                        - 4 * (p[i] & 0xff);
                sum += lap;
                sumSq += (long) lap * lap;
                n++;
            }
        }
        double mean = (double) sum / n;
        return (double) sumSq / n - mean * mean;
    }
}
