package org.eusedge.imaging.sim;

import java.util.Random;

/** Smooth random textures: white Gaussian noise blurred by repeated box filters (close to a Gaussian blur). */
final class NoiseField {
    private NoiseField() {}

    /** A w x h field with mean 0 and SD 1, correlated over roughly {@code radius} pixels. */
    static float[] smooth(Random rng, int w, int h, int radius) {
        float[] f = new float[w * h];
        for (int i = 0; i < f.length; i++) f[i] = (float) rng.nextGaussian();
        if (radius > 0) {
            for (int pass = 0; pass < 3; pass++) {
                boxBlur(f, w, h, radius, true);
                boxBlur(f, w, h, radius, false);
            }
        }
        return standardise(f);
    }

    static float[] standardise(float[] f) {
        double sum = 0, sq = 0;
        for (float v : f) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / f.length;
        double sd = Math.sqrt(Math.max(sq / f.length - mean * mean, 1e-12));
        for (int i = 0; i < f.length; i++) f[i] = (float) ((f[i] - mean) / sd);
        return f;
    }

    /** Running-sum box blur of radius r along rows or columns, edges clamped. */
    private static void boxBlur(float[] f, int w, int h, int r, boolean alongRows) {
        int lines = alongRows ? h : w;
        int len = alongRows ? w : h;
        float[] line = new float[len];
        for (int l = 0; l < lines; l++) {
            for (int i = 0; i < len; i++) line[i] = f[alongRows ? l * w + i : i * w + l];
            double acc = 0;
            for (int i = -r; i <= r; i++) acc += line[Math.max(0, Math.min(len - 1, i))];
            for (int i = 0; i < len; i++) {
                f[alongRows ? l * w + i : i * w + l] = (float) (acc / (2 * r + 1));
                acc += line[Math.min(len - 1, i + r + 1)] - line[Math.max(0, i - r)];
            }
        }
    }
}
