package org.eusedge.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * An 8-bit grey image: {@code pixels} row-major, one unsigned byte (0..255) per pixel, index {@code y * width + x}.
 * The array is shared, not copied (frames are large and passed along a pipeline): treat it as read-only.
 */
public record GreyImage(int width, int height, byte[] pixels) {

    public GreyImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + (long) width * height
                    + " pixels, got " + pixels.length);
        }
    }

    /**
     * Reads a PNG, JPEG or BMP file. Colour (and RGBA) images become grey with the BT.601 luma
     * 0.299 R + 0.587 G + 0.114 B, rounded; alpha is ignored. Grey images keep their stored values.
     */
    public static GreyImage read(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image file not found: " + file + " (check the path; it is resolved"
                    + " against " + Path.of("").toAbsolutePath() + " when relative)");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException("not a readable image (PNG, JPEG or BMP expected): " + file);
        }
        return of(img);
    }

    /** Converts any BufferedImage the same way {@link #read(Path)} does. */
    public static GreyImage of(BufferedImage img) {
        Objects.requireNonNull(img, "img");
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h];
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        if (cm.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && raster.getNumBands() <= 2) {
            // Read grey samples straight from the raster: getRGB would push them through a linear-to-sRGB gamma.
            int bits = cm.getComponentSize(0);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = bits > 8 ? row[x] >> (bits - 8) : row[x];
                    out[y * w + x] = (byte) v;
                }
            }
        } else {
            int[] argb = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, argb, 0, w);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) luma(argb[x]);
                }
            }
        }
        return new GreyImage(w, h, out);
    }

    /** BT.601 luma of an (A)RGB pixel, rounded to the nearest integer. */
    static int luma(int argb) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        return (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }

    /** The value 0..255 at column x, row y. */
    public int at(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") is outside the " + width + "x" + height
                    + " image");
        }
        return pixels[y * width + x] & 0xff;
    }

    /** Same size and same pixel values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GreyImage g && g.width == width && g.height == height
                && java.util.Arrays.equals(g.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + java.util.Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "GreyImage[" + width + "x" + height + "]";
    }

    /** A TYPE_BYTE_GRAY copy. */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, data, 0, pixels.length);
        return img;
    }

    /** Writes an 8-bit grey PNG (lossless: {@link #read(Path)} gives the same pixels back). */
    public void writePng(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            if (!ImageIO.write(toBufferedImage(), "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PNG " + file + ": " + e.getMessage(), e);
        }
    }
}
