package org.eusedge.explain;

import java.util.Arrays;
import java.util.Objects;

/**
 * Occlusion sensitivity (Zeiler and Fergus 2014) for learners without a usable gradient (trees, boosted trees): a
 * patch of constant value slides over the crop, the crop is re-scored, and each pixel gets the mean drop in
 * probability over the patches that covered it, as Captum's Occlusion attributes (baseline - occluded) per window.
 * Positive values mark regions that support the positive class.
 */
public final class OcclusionMap {

    private final int patch;
    private final int stride;
    private final float fill;

    /**
     * @param patch  side of the square patch in crop pixels
     * @param stride step between patch positions (<= patch so every pixel is covered)
     * @param fill   the value written into every channel under the patch (e.g. the normalised mid-grey)
     */
    public OcclusionMap(int patch, int stride, float fill) {
        if (patch <= 0 || stride <= 0 || stride > patch) {
            throw new IllegalArgumentException("need patch > 0 and 0 < stride <= patch, got patch " + patch
                    + ", stride " + stride);
        }
        this.patch = patch;
        this.stride = stride;
        this.fill = fill;
    }

    /** The H x W map of mean probability drops; calls the scorer once for the crop and once per patch position. */
    public float[] compute(CropScorer scorer, float[] chwCrop, int c, int h, int w) {
        Objects.requireNonNull(scorer, "scorer");
        if (c <= 0 || h <= 0 || w <= 0 || chwCrop.length != c * h * w) {
            throw new IllegalArgumentException("crop has " + chwCrop.length + " values but shape " + c + "x" + h
                    + "x" + w + " needs " + ((long) c * h * w));
        }
        if (patch > h || patch > w) {
            throw new IllegalArgumentException("patch " + patch + " is larger than the " + h + "x" + w + " crop");
        }
        double baseline = scorer.probability(chwCrop.clone());
        double[] sum = new double[h * w];
        int[] count = new int[h * w];
        float[] work = chwCrop.clone();
        for (int y0 : positions(h)) {
            for (int x0 : positions(w)) {
                for (int k = 0; k < c; k++) {
                    for (int y = y0; y < y0 + patch; y++) {
                        Arrays.fill(work, (k * h + y) * w + x0, (k * h + y) * w + x0 + patch, fill);
                    }
                }
                double drop = baseline - scorer.probability(work);
                for (int y = y0; y < y0 + patch; y++) {
                    for (int x = x0; x < x0 + patch; x++) {
                        sum[y * w + x] += drop;
                        count[y * w + x]++;
                    }
                }
                for (int k = 0; k < c; k++) {
                    for (int y = y0; y < y0 + patch; y++) {
                        int from = (k * h + y) * w + x0;
                        System.arraycopy(chwCrop, from, work, from, patch);
                    }
                }
            }
        }
        float[] map = new float[h * w];
        for (int p = 0; p < map.length; p++) map[p] = count[p] == 0 ? 0f : (float) (sum[p] / count[p]);
        return map;
    }

    /** Patch origins along one axis: every stride, plus a last one flush with the far edge so the edge is covered. */
    int[] positions(int size) {
        int n = (size - patch) / stride + 1;
        boolean tail = (n - 1) * stride + patch < size;
        int[] out = new int[n + (tail ? 1 : 0)];
        for (int i = 0; i < n; i++) out[i] = i * stride;
        if (tail) out[n] = size - patch;
        return out;
    }
}
