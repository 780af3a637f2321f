package org.eusedge.appliance;

import org.eusedge.imaging.GreyImage;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameCodecTest {

    /** One bright pixel (100) on black, away from the border: Laplacian -400 there and +100 at its 4 neighbours. */
    @Test
    void varianceOfLaplacianOfOneBrightPixelIsHandComputed() {
        byte[] px = new byte[64 * 64];
        px[32 * 64 + 32] = 100;
        // mean 0; sum of squares 400^2 + 4 * 100^2 = 200000 over 4096 pixels
        assertEquals(200000.0 / 4096, FrameCodec.varianceOfLaplacian(new GreyImage(64, 64, px)), 1e-9);
        assertEquals(0, FrameCodec.varianceOfLaplacian(new GreyImage(64, 64, new byte[64 * 64])), 0);
    }

    @Test
    void pngIsLosslessAndJpegKeepsTheSize() throws Exception {
        byte[] px = new byte[96 * 80];
        for (int i = 0; i < px.length; i++) px[i] = (byte) ((i * 37) ^ (i >> 5));
        GreyImage g = new GreyImage(96, 80, px);
        byte[] png = FrameCodec.png(g);
        assertArrayEquals(px, GreyImage.of(ImageIO.read(new ByteArrayInputStream(png))).pixels());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)), FrameCodec.sha256Hex(png));
        var jpeg = ImageIO.read(new ByteArrayInputStream(FrameCodec.jpeg(g, 90)));
        assertEquals(96, jpeg.getWidth());
        assertEquals(80, jpeg.getHeight());
    }
}
