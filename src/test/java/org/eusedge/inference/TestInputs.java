package org.eusedge.inference;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Inputs for the backbone tests: real ultrasound images, ImageNet-normalised, and the SOURCE.md probe. */
final class TestInputs {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private TestInputs() {}

    /** An image resized to size x size and normalised as torchvision's ImageNet models expect, channel-major. */
    static float[] imagenetCrop(Path image, int size) throws IOException {
        BufferedImage src = ImageIO.read(image.toFile());
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        float[] chw = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = scaled.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    float v = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
                    chw[(c * size + y) * size + x] = (v - MEAN[c]) / STD[c];
                }
            }
        }
        return chw;
    }

    /** resnet18-torchvision-seed0's SOURCE.md probe: x[0,c,h,w] = sin(0.001 * (c*224*224 + h*224 + w)). */
    static float[] sinProbe() {
        float[] x = new float[3 * 224 * 224];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(0.001 * i);
        return x;
    }

    /** Per-channel mean over the H x W positions of one row-major C x H x W map. */
    static double[] spatialMean(float[] map, int channels, int height, int width) {
        double[] mean = new double[channels];
        int hw = height * width;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int i = 0; i < hw; i++) sum += map[c * hw + i];
            mean[c] = sum / hw;
        }
        return mean;
    }
}
