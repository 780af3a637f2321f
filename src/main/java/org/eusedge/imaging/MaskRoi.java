package org.eusedge.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import javax.imageio.ImageIO;

/** A pixel mask ROI: {@code inside[y * width + x]} is true for lesion pixels. */
public record MaskRoi(int width, int height, boolean[] inside) implements Roi {

    public MaskRoi {
        Objects.requireNonNull(inside, "inside");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        if (inside.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + (long) width * height
                    + " entries, got " + inside.length);
        }
        inside = inside.clone();
    }

    @Override
    public boolean[] inside() {
        return inside.clone();
    }

    /**
     * Reads a mask image: foreground is alpha > 127 when the image has an alpha channel (the BrEaST masks: lesion
     * opaque white, background transparent), otherwise grey (BT.601 luma) > 127 (the DDTI masks: 0 / 255).
     */
    public static MaskRoi read(Path maskImage) {
        Objects.requireNonNull(maskImage, "maskImage");
        if (!Files.isRegularFile(maskImage)) {
            throw new IllegalArgumentException("mask file not found: " + maskImage + " (check the mask_path column)");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(maskImage.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mask " + maskImage + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException("not a readable image (PNG or BMP mask expected): " + maskImage);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean[] in = new boolean[w * h];
        if (img.getColorModel().hasAlpha()) {
            Raster alpha = img.getAlphaRaster();
            int bits = img.getColorModel().getComponentSize(img.getColorModel().getNumComponents() - 1);
            int threshold = ((1 << bits) - 1) / 2; // 127 for 8-bit alpha
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                alpha.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) in[y * w + x] = row[x] > threshold;
            }
        } else {
            GreyImage grey = GreyImage.of(img);
            byte[] px = grey.pixels();
            for (int i = 0; i < in.length; i++) in[i] = (px[i] & 0xff) > 127;
        }
        return new MaskRoi(w, h, in);
    }

    /** Number of foreground pixels. */
    public int count() {
        int c = 0;
        for (boolean b : inside) if (b) c++;
        return c;
    }

    @Override
    public Box bounds() {
        int minX = width, minY = height, maxX = -1, maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (inside[y * width + x]) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? new Box(0, 0, 0, 0) : new Box(minX, minY, maxX + 1, maxY + 1);
    }

    /** A copy of the mask; it must be rasterised at its own size (masks are never rescaled silently). */
    @Override
    public boolean[] rasterize(int width, int height) {
        if (width != this.width || height != this.height) {
            throw new InvalidRoiException(InvalidRoiException.Rule.MASK_SIZE_MISMATCH, "mask is " + this.width + "x"
                    + this.height + " but the frame is " + width + "x" + height
                    + "; use the mask drawn on this very frame (same size)");
        }
        return inside.clone();
    }

    @Override
    public double areaPx() {
        return count();
    }

    /** Caliper diameter of the union of the mask's pixel squares (taken over the corners of its edge pixels). */
    @Override
    public double feretDiameterPx() {
        int n = 0;
        double[] xs = new double[64];
        double[] ys = new double[64];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!inside[y * width + x] || !isEdge(x, y)) continue;
                if (n + 4 > xs.length) {
                    xs = Arrays.copyOf(xs, xs.length * 2);
                    ys = Arrays.copyOf(ys, ys.length * 2);
                }
                xs[n] = x; ys[n++] = y;
                xs[n] = x + 1; ys[n++] = y;
                xs[n] = x; ys[n++] = y + 1;
                xs[n] = x + 1; ys[n++] = y + 1;
            }
        }
        return PlaneGeometry.maxPairDistance(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
    }

    private boolean isEdge(int x, int y) {
        return x == 0 || y == 0 || x == width - 1 || y == height - 1
                || !inside[y * width + x - 1] || !inside[y * width + x + 1]
                || !inside[(y - 1) * width + x] || !inside[(y + 1) * width + x];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskRoi m && m.width == width && m.height == height && Arrays.equals(inside, m.inside);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(inside);
    }

    @Override
    public String toString() {
        return "MaskRoi[" + width + "x" + height + ", " + count() + " px]";
    }
}
