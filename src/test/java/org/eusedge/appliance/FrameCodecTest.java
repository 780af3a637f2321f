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

    @Test
    void pngIsLosslessAndItsHashIsTheSha256OfItsBytes() throws Exception {
        byte[] px = new byte[96 * 80];
        for (int i = 0; i < px.length; i++) px[i] = (byte) ((i * 37) ^ (i >> 5));
        GreyImage g = new GreyImage(96, 80, px);
        byte[] png = FrameCodec.png(g);
        assertArrayEquals(px, GreyImage.of(ImageIO.read(new ByteArrayInputStream(png))).pixels());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)), FrameCodec.sha256Hex(png));
    }
}
