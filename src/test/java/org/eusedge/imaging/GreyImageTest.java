package org.eusedge.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreyImageTest {

    @TempDir
    Path tmp;

    @Test
    void colourPixelsBecomeRoundedBt601Luma() throws Exception {
        BufferedImage rgb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        rgb.setRGB(0, 0, 0xFFC86432); // (200, 100, 50): 59.8 + 58.7 + 5.7 = 124.2 -> 124
        rgb.setRGB(1, 0, 0x000A141E); // (10, 20, 30), alpha 0 ignored: 2.99 + 11.74 + 3.42 = 18.15 -> 18
        rgb.setRGB(2, 0, 0xFF00FF00); // pure green: 0.587 * 255 = 149.685 -> 150
        Path file = tmp.resolve("rgba.png");
        ImageIO.write(rgb, "png", file.toFile());

        GreyImage g = GreyImage.read(file);

        assertEquals(3, g.width());
        assertEquals(1, g.height());
        assertEquals(124, g.at(0, 0));
        assertEquals(18, g.at(1, 0));
        assertEquals(150, g.at(2, 0));
    }

    @Test
    void greyPngRoundTripKeepsEveryValue() {
        byte[] px = new byte[256];
        for (int i = 0; i < 256; i++) px[i] = (byte) i;
        GreyImage img = new GreyImage(16, 16, px);
        Path file = tmp.resolve("ramp.png");
        img.writePng(file);

        GreyImage back = GreyImage.read(file);

        assertArrayEquals(px, back.pixels());
        assertEquals(255, back.at(15, 15));
        assertEquals(17, back.at(1, 1));
    }

    @Test
    void realDdtiMaskReadsAsZeroAnd255WithTheManifestArea() throws Exception {
        // manifest row: ddti002, masks/2_1_mask.png, 560x360, mask_area_px 30957
        GreyImage mask = GreyImage.read(SharedData.path("data/ddti-thyroid/masks/2_1_mask.png"));
        assertEquals(560, mask.width());
        assertEquals(360, mask.height());
        int on = 0;
        for (byte b : mask.pixels()) {
            int v = b & 0xff;
            assertTrue(v == 0 || v == 255, "mask value " + v);
            if (v == 255) on++;
        }
        assertEquals(30957, on);
    }

    @Test
    void realBreastRgbaImageWithGreyContentKeepsTheRedChannel() throws Exception {
        Path file = SharedData.path("data/breast-lesions-usg/images/case001.png");
        BufferedImage raw = ImageIO.read(file.toFile());
        GreyImage g = GreyImage.read(file);
        assertEquals(485, g.width());
        assertEquals(537, g.height());
        for (int y = 0; y < g.height(); y += 37) {
            for (int x = 0; x < g.width(); x += 29) {
                int r = raw.getRaster().getSample(x, y, 0);
                int gg = raw.getRaster().getSample(x, y, 1);
                int b = raw.getRaster().getSample(x, y, 2);
                assertEquals(Math.round(0.299 * r + 0.587 * gg + 0.114 * b), g.at(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void realJpegReads() {
        GreyImage g = GreyImage.read(SharedData.path("data/ddti-thyroid/images/2_1.jpg"));
        assertEquals(560, g.width());
        assertEquals(360, g.height());
    }

    @Test
    void missingFileSaysNotFound() {
        Path missing = tmp.resolve("nope.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GreyImage.read(missing));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("nope.png"), e.getMessage());
    }

    @Test
    void nonImageFileSaysNotReadable() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.png"), "this is text");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GreyImage.read(text));
        assertTrue(e.getMessage().contains("not a readable image"), e.getMessage());
    }

    @Test
    void wrongPixelCountAndOutOfRangeAccessAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GreyImage(3, 2, new byte[5]));
        assertTrue(e.getMessage().contains("needs 6 pixels, got 5"), e.getMessage());
        GreyImage img = new GreyImage(2, 2, new byte[4]);
        assertThrows(IndexOutOfBoundsException.class, () -> img.at(2, 0));
    }
}
