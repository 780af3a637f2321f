package org.eusedge.imaging;

import java.util.Objects;

/**
 * Bilinear resampling of a single-channel float image with half-pixel centres, the convention of OpenCV's
 * {@code resize(..., INTER_LINEAR)} and of PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}:
 * a destination index d samples the source at s = (d + 0.5) * (srcSize / dstSize) - 0.5, clamped to
 * [0, srcSize - 1]; weights are the fractional parts. No antialiasing when shrinking (as OpenCV). Computed in double
 * precision, so the result equals OpenCV's on CV_32F input up to float rounding (its 8-bit path uses fixed point).
 * Written here because the JDK's AffineTransformOp uses corner-aligned sampling with different edge handling.
 */
public final class BilinearResize {
    private BilinearResize() {}

    /** Resizes {@code src} (row-major, srcWidth x srcHeight) to dstWidth x dstHeight. */
    public static float[] resize(float[] src, int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
        Objects.requireNonNull(src, "src");
        if (srcWidth < 1 || srcHeight < 1 || dstWidth < 1 || dstHeight < 1) {
            throw new IllegalArgumentException("sizes must be >= 1: source " + srcWidth + "x" + srcHeight
                    + ", destination " + dstWidth + "x" + dstHeight);
        }
        if (src.length != srcWidth * srcHeight) {
            throw new IllegalArgumentException("a " + srcWidth + "x" + srcHeight + " source needs "
                    + srcWidth * srcHeight + " values, got " + src.length);
        }
        int[] x0 = new int[dstWidth];
        int[] x1 = new int[dstWidth];
        double[] wx = new double[dstWidth];
        taps(srcWidth, dstWidth, x0, x1, wx);
        int[] y0 = new int[dstHeight];
        int[] y1 = new int[dstHeight];
        double[] wy = new double[dstHeight];
        taps(srcHeight, dstHeight, y0, y1, wy);
        float[] dst = new float[dstWidth * dstHeight];
        for (int dy = 0; dy < dstHeight; dy++) {
            int r0 = y0[dy] * srcWidth;
            int r1 = y1[dy] * srcWidth;
            double fy = wy[dy];
            for (int dx = 0; dx < dstWidth; dx++) {
                double top = src[r0 + x0[dx]] * (1 - wx[dx]) + src[r0 + x1[dx]] * wx[dx];
                double bottom = src[r1 + x0[dx]] * (1 - wx[dx]) + src[r1 + x1[dx]] * wx[dx];
                dst[dy * dstWidth + dx] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return dst;
    }

    /** For each destination index: the two source taps and the weight of the second. */
    private static void taps(int srcSize, int dstSize, int[] i0, int[] i1, double[] w) {
        double scale = (double) srcSize / dstSize;
        for (int d = 0; d < dstSize; d++) {
            double s = (d + 0.5) * scale - 0.5;
            s = Math.max(0, Math.min(srcSize - 1, s));
            int lo = (int) Math.floor(s);
            i0[d] = lo;
            i1[d] = Math.min(lo + 1, srcSize - 1);
            w[d] = s - lo;
        }
    }
}
