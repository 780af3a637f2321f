package org.eusedge.inference.quant;

import org.eusedge.testing.SharedData;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test-only lesion crops from the BrEaST ultrasound images: the mask's bounding box with a 10 % margin, resized to
 * 224x224, grey copied to 3 channels, ImageNet mean/std normalisation, CHW. (A stand-in for the project's
 * LesionCrop, enough for calibration and fidelity checks.)
 */
public final class BreastCrops {
    static final int SIZE = 224;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private BreastCrops() {}

    /** Crops of manifest rows [from, from + count), in manifest order. */
    public static float[][] load(int from, int count) throws IOException {
        Path dir = SharedData.path("data/breast-lesions-usg");
        List<String> rows = Files.readAllLines(dir.resolve("manifest.csv"));
        float[][] crops = new float[count][];
        for (int k = 0; k < count; k++) {
            String[] cols = rows.get(1 + from + k).split(",", 4);
            crops[k] = crop(ImageIO.read(dir.resolve(cols[1]).toFile()), ImageIO.read(dir.resolve(cols[2]).toFile()));
        }
        return crops;
    }

    static float[] crop(BufferedImage image, BufferedImage mask) {
        int x0 = mask.getWidth(), y0 = mask.getHeight(), x1 = -1, y1 = -1;
        for (int y = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++) {
                if ((mask.getRGB(x, y) >>> 24) > 127) {
                    x0 = Math.min(x0, x); x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y); y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) throw new IllegalStateException("empty lesion mask");
        int mx = (x1 - x0 + 1) / 10, my = (y1 - y0 + 1) / 10;
        x0 = Math.max(0, x0 - mx); y0 = Math.max(0, y0 - my);
        x1 = Math.min(image.getWidth() - 1, x1 + mx); y1 = Math.min(image.getHeight() - 1, y1 + my);

        BufferedImage resized = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, SIZE, SIZE, x0, y0, x1 + 1, y1 + 1, null);
        g.dispose();

        float[] chw = new float[3 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float grey = ((resized.getRGB(x, y) >> 16) & 0xff) / 255f;
                for (int c = 0; c < 3; c++) chw[c * SIZE * SIZE + y * SIZE + x] = (grey - MEAN[c]) / STD[c];
            }
        }
        return chw;
    }
}
