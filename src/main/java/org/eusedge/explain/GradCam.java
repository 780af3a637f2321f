package org.eusedge.explain;

import java.awt.image.BufferedImage;
import java.util.Objects;

import org.eusedge.model.SvmModel;

/**
 * Grad-CAM for the deep-learning signature: an RBF SVM with Platt scaling on standardised, selected channels of the
 * globally average-pooled last convolutional map. The SVM is not a neural network layer, so no autograd library
 * applies; its gradient is analytic and exact here:
 * <pre>
 *   z_k = mean_{i,j} A_k(i,j),  x_j = (z_{k_j} - mean_j) / sd_j,  F = sum_i a_i exp(-g |s_i - x|^2) - rho
 *   dF/dx_j = sum_i a_i 2g (s_ij - x_j) exp(-g |s_i - x|^2),  dF/dz_k = sum_{j: k_j = k} dF/dx_j / sd_j
 *   dF/dA_k(i,j) = dF/dz_k / (H W) = alpha_k  (constant over the map, so alpha_k is also its spatial mean)
 * </pre>
 * The CAM is ReLU(sum_k alpha_k A_k) as in Selvaraju et al. and pytorch-grad-cam's GradCAM.
 */
public final class GradCam {

    private GradCam() {}

    /**
     * Grad-CAM of the SVM decision value (the usual choice: the score before squashing, like a logit);
     * positiveClass=false explains the other class (negated gradient).
     */
    public static CamResult compute(SvmModel svm, double[] mean, double[] sd, int[] selectedChannels,
                                    float[] map, int c, int h, int w, boolean positiveClass) {
        return compute(svm, mean, sd, selectedChannels, map, c, h, w, positiveClass, SvmOutput.DECISION);
    }

    /**
     * @param map              the last convolutional map of one image, C x H x W row-major (e.g. ResNet18 layer4, 512x7x7)
     * @param mean             standardiser means of the selected features (length = svm.dimension())
     * @param sd               standardiser standard deviations of the selected features
     * @param selectedChannels for each SVM input j, the channel k_j of the map it comes from
     * @param target           the decision value, or the Platt probability (gradient times dP/dF = -A P (1 - P))
     */
    public static CamResult compute(SvmModel svm, double[] mean, double[] sd, int[] selectedChannels,
                                    float[] map, int c, int h, int w, boolean positiveClass, SvmOutput target) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(target, "target");
        if (c <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException("map shape must be positive, got " + c + "x" + h + "x" + w);
        }
        if (map.length != c * h * w) {
            throw new IllegalArgumentException("map has " + map.length + " values but shape " + c + "x" + h + "x" + w
                    + " needs " + (c * h * w) + ": pass the layer4 output of a single image");
        }
        double[] pooled = pool(map, c, h, w);
        double[] x = standardise(svm, mean, sd, selectedChannels, pooled);
        double decision = svm.decision(x);
        double probability = svm.plattProbability(decision);
        double[] dz = pooledGradient(svm, mean, sd, selectedChannels, pooled, target);

        int hw = h * w;
        double sign = positiveClass ? 1.0 : -1.0;
        float[] alpha = new float[c];
        double[] cam = new double[hw];
        for (int k = 0; k < c; k++) {
            double a = sign * dz[k] / hw;
            alpha[k] = (float) a;
            if (a == 0) continue;
            int base = k * hw;
            for (int p = 0; p < hw; p++) cam[p] += a * map[base + p];
        }
        float[] relu = new float[hw];
        for (int p = 0; p < hw; p++) relu[p] = (float) Math.max(0.0, cam[p]);
        return new CamResult(relu, h, w, alpha, decision, probability);
    }

    /** Global average pooling of a C x H x W map, in double. */
    public static double[] pool(float[] map, int c, int h, int w) {
        int hw = h * w;
        double[] z = new double[c];
        for (int k = 0; k < c; k++) {
            double s = 0;
            for (int p = 0; p < hw; p++) s += map[k * hw + p];
            z[k] = s / hw;
        }
        return z;
    }

    /** The SVM input x_j = (z_{k_j} - mean_j) / sd_j. */
    public static double[] standardise(SvmModel svm, double[] mean, double[] sd, int[] selectedChannels, double[] pooled) {
        checkPipeline(svm, mean, sd, selectedChannels, pooled.length);
        double[] x = new double[selectedChannels.length];
        for (int j = 0; j < x.length; j++) x[j] = (pooled[selectedChannels[j]] - mean[j]) / sd[j];
        return x;
    }

    /**
     * dTarget/dz_k for every pooled channel k (positive-class orientation): the gradient through the RBF kernels,
     * the standardiser and the selection. Channels the SVM does not use get 0.
     */
    public static double[] pooledGradient(SvmModel svm, double[] mean, double[] sd, int[] selectedChannels,
                                          double[] pooled, SvmOutput target) {
        double[] x = standardise(svm, mean, sd, selectedChannels, pooled);
        double[] dx = decisionGradient(svm, x);
        double scale = 1.0;
        if (target == SvmOutput.PROBABILITY) {
            double p = svm.plattProbability(svm.decision(x));
            scale = -svm.plattA() * p * (1 - p);
        }
        double[] dz = new double[pooled.length];
        for (int j = 0; j < selectedChannels.length; j++) dz[selectedChannels[j]] += scale * dx[j] / sd[j];
        return dz;
    }

    /** dF/dx of the SVM decision F(x) = sum_i a_i exp(-g |s_i - x|^2) - rho. */
    public static double[] decisionGradient(SvmModel svm, double[] x) {
        double g = svm.gamma();
        double[][] sv = svm.supportVectors();
        double[] coef = svm.dualCoef();
        double[] grad = new double[x.length];
        for (int i = 0; i < sv.length; i++) {
            double[] s = sv[i];
            double d2 = 0;
            for (int j = 0; j < x.length; j++) {
                double d = s[j] - x[j];
                d2 += d * d;
            }
            double weight = coef[i] * 2 * g * Math.exp(-g * d2);
            for (int j = 0; j < x.length; j++) grad[j] += weight * (s[j] - x[j]);
        }
        return grad;
    }

    /**
     * The CAM in frame coordinates: min-max normalised on its own grid (cam - min) / (max - min + 1e-7), then
     * resized bilinearly to the crop box (half-pixel centres, edge clamping, like cv2.resize INTER_LINEAR) and placed
     * at the box; 0 outside it. This is the order pytorch-grad-cam's scale_cam_image uses.
     *
     * @param boxX0 left edge of the crop box in frame pixels (inclusive); boxX1 is exclusive, likewise for y
     */
    public static float[] toFrame(CamResult cam, int boxX0, int boxY0, int boxX1, int boxY1, int frameW, int frameH) {
        return toFrame(cam.cam(), cam.height(), cam.width(), boxX0, boxY0, boxX1, boxY1, frameW, frameH);
    }

    /** As above, for a map given as a rows x cols grid (e.g. the one a result carries). */
    public static float[] toFrame(float[] grid, int rows, int cols, int boxX0, int boxY0, int boxX1, int boxY1,
                                  int frameW, int frameH) {
        if (grid.length != rows * cols) {
            throw new IllegalArgumentException("map has " + grid.length + " values but the grid is " + rows + "x" + cols);
        }
        if (frameW <= 0 || frameH <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + frameW + "x" + frameH);
        }
        if (boxX1 <= boxX0 || boxY1 <= boxY0 || boxX1 <= 0 || boxY1 <= 0 || boxX0 >= frameW || boxY0 >= frameH) {
            throw new IllegalArgumentException("crop box (" + boxX0 + "," + boxY0 + ")-(" + boxX1 + "," + boxY1
                    + ") must be non-empty and overlap the " + frameW + "x" + frameH + " frame");
        }
        float[] norm = normalise(grid);
        int bw = boxX1 - boxX0, bh = boxY1 - boxY0;
        float[] resized = resizeBilinear(norm, cols, rows, bw, bh);
        float[] frame = new float[frameW * frameH];
        // the lesion crop's square box may reach past the frame edge (padded there): keep the part inside the frame
        int x0 = Math.max(0, boxX0), x1 = Math.min(frameW, boxX1);
        for (int y = Math.max(0, boxY0); y < Math.min(frameH, boxY1); y++) {
            System.arraycopy(resized, (y - boxY0) * bw + (x0 - boxX0), frame, y * frameW + x0, x1 - x0);
        }
        return frame;
    }

    /** (v - min) / (max - min + 1e-7), pytorch-grad-cam's normalisation (a flat map becomes all zeros). */
    public static float[] normalise(float[] values) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[values.length];
        double range = (max - min) + 1e-7;
        for (int i = 0; i < values.length; i++) out[i] = (float) ((values[i] - min) / range);
        return out;
    }

    /** Bilinear resize with half-pixel centres and clamped edges (cv2.resize INTER_LINEAR semantics). */
    public static float[] resizeBilinear(float[] src, int srcW, int srcH, int dstW, int dstH) {
        if (src.length != srcW * srcH) {
            throw new IllegalArgumentException("source has " + src.length + " values, expected " + srcW + "x" + srcH);
        }
        float[] dst = new float[dstW * dstH];
        double sx = (double) srcW / dstW, sy = (double) srcH / dstH;
        for (int y = 0; y < dstH; y++) {
            double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), srcH - 1);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, srcH - 1);
            double wy = fy - y0;
            for (int x = 0; x < dstW; x++) {
                double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), srcW - 1);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, srcW - 1);
                double wx = fx - x0;
                double top = src[y0 * srcW + x0] * (1 - wx) + src[y0 * srcW + x1] * wx;
                double bottom = src[y1 * srcW + x0] * (1 - wx) + src[y1 * srcW + x1] * wx;
                dst[y * dstW + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return dst;
    }

    /**
     * The grey frame with the heat map blended on top: out = (1 - alpha*h) * grey + alpha*h * jet(h) per pixel, so
     * pixels with no heat (outside the ROI) keep the plain frame.
     *
     * @param grey  unsigned 8-bit grey pixels, width x height row-major
     * @param heat  values in [0, 1] (as from {@link #toFrame}); values outside are clamped
     * @param alpha the maximum opacity of the colour layer, in [0, 1]
     */
    public static BufferedImage overlay(byte[] grey, int width, int height, float[] heat, double alpha) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (grey.length != width * height || heat.length != width * height) {
            throw new IllegalArgumentException("grey (" + grey.length + ") and heat (" + heat.length
                    + ") must both have width*height = " + (width * height) + " values");
        }
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[width * height];
        for (int i = 0; i < rgb.length; i++) {
            double v = grey[i] & 0xFF;
            double h = Math.min(1.0, Math.max(0.0, heat[i]));
            int jet = jet(h);
            double a = alpha * h;
            int r = (int) Math.round((1 - a) * v + a * ((jet >> 16) & 0xFF));
            int g = (int) Math.round((1 - a) * v + a * ((jet >> 8) & 0xFF));
            int b = (int) Math.round((1 - a) * v + a * (jet & 0xFF));
            rgb[i] = (r << 16) | (g << 8) | b;
        }
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    /** The classic jet colour map (MATLAB/OpenCV COLORMAP_JET shape): dark blue, blue, cyan, yellow, red, dark red. */
    public static int jet(double t) {
        double v = Math.min(1.0, Math.max(0.0, t));
        int r = channel(1.5 - Math.abs(4 * v - 3));
        int g = channel(1.5 - Math.abs(4 * v - 2));
        int b = channel(1.5 - Math.abs(4 * v - 1));
        return (r << 16) | (g << 8) | b;
    }

    private static int channel(double x) {
        return (int) Math.round(255 * Math.min(1.0, Math.max(0.0, x)));
    }

    private static void checkPipeline(SvmModel svm, double[] mean, double[] sd, int[] selected, int channels) {
        Objects.requireNonNull(svm, "svm");
        int m = selected.length;
        if (mean.length != m || sd.length != m) {
            throw new IllegalArgumentException("standardiser has " + mean.length + " means and " + sd.length
                    + " sds but " + m + " channels are selected: they must match one to one");
        }
        if (svm.dimension() != m) {
            throw new IllegalArgumentException("SVM expects " + svm.dimension() + " features but " + m
                    + " channels are selected");
        }
        for (int j = 0; j < m; j++) {
            if (selected[j] < 0 || selected[j] >= channels) {
                throw new IllegalArgumentException("selected channel " + selected[j] + " (feature " + j
                        + ") is outside the map's " + channels + " channels");
            }
            if (!(sd[j] > 0)) throw new IllegalArgumentException("standardiser sd[" + j + "] must be > 0, got " + sd[j]);
        }
    }
}
