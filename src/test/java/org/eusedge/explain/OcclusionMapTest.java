package org.eusedge.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;

class OcclusionMapTest {

    private static final int S = 32;

    /** A scorer that looks only at channel 0 inside rows and columns 8..15: sigmoid(4 * regional mean - 2). */
    private static final CropScorer REGIONAL = crop -> {
        double sum = 0;
        for (int y = 8; y < 16; y++) for (int x = 8; x < 16; x++) sum += crop[y * S + x];
        return 1 / (1 + Math.exp(-(4 * sum / 64 - 2)));
    };

    @Test
    void eachPixelGetsTheMeanProbabilityDropOfThePatchesCoveringIt() throws IOException {
        float[] crop = realCrop();
        AtomicInteger calls = new AtomicInteger();
        CropScorer counted = c -> {
            calls.incrementAndGet();
            return REGIONAL.probability(c);
        };
        float[] map = new OcclusionMap(8, 4, 0f).compute(counted, crop, 3, S, S);
        assertEquals(1 + 7 * 7, calls.get(), "baseline plus a 7x7 grid of patch positions");

        double regionSum = 0;
        for (int y = 8; y < 16; y++) for (int x = 8; x < 16; x++) regionSum += crop[y * S + x];
        double baseline = sigmoid(4 * regionSum / 64 - 2);
        // pixel (12,12) is covered by the patches at origins (8|12, 8|12); each removes its overlap with the region
        double expected = 0;
        for (int y0 : new int[] {8, 12}) {
            for (int x0 : new int[] {8, 12}) {
                double removed = 0;
                for (int y = Math.max(8, y0); y < Math.min(16, y0 + 8); y++) {
                    for (int x = Math.max(8, x0); x < Math.min(16, x0 + 8); x++) removed += crop[y * S + x];
                }
                expected += (baseline - sigmoid(4 * (regionSum - removed) / 64 - 2)) / 4;
            }
        }
        assertEquals(expected, map[12 * S + 12], 1e-6);
        assertTrue(expected > 0.01, "occluding bright lesion pixels lowers the score");
        assertEquals(0f, map[0], "patch at the corner does not touch the scored region");
        assertEquals(0f, map[31 * S + 31]);
    }

    @Test
    void patchPositionsReachTheFarEdge() {
        assertArrayEquals(new int[] {0, 8, 16, 22}, new OcclusionMap(8, 8, 0f).positions(30));
        assertArrayEquals(new int[] {0, 4, 8, 12, 16, 20, 24}, new OcclusionMap(8, 4, 0f).positions(32));
    }

    @Test
    void rejectsBadSettingsAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> new OcclusionMap(8, 9, 0f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OcclusionMap(8, 8, 0f).compute(REGIONAL, new float[10], 3, S, S));
        assertTrue(e.getMessage().contains("needs 3072"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new OcclusionMap(40, 8, 0f).compute(REGIONAL, new float[3 * S * S], 3, S, S));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    /** case001's lesion area, grey in [0, 1], resized to 32x32 and repeated over three channels. */
    private static float[] realCrop() throws IOException {
        BufferedImage image = ImageIO.read(SharedData.path("data/breast-lesions-usg/images/case001.png").toFile());
        int w = image.getWidth(), h = image.getHeight();
        float[] grey = new float[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) grey[y * w + x] = ((image.getRGB(x, y) >> 16) & 0xFF) / 255f;
        float[] small = GradCam.resizeBilinear(grey, w, h, S, S);
        float[] crop = new float[3 * S * S];
        for (int c = 0; c < 3; c++) System.arraycopy(small, 0, crop, c * S * S, S * S);
        return crop;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
