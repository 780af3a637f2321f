package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.eusedge.imaging.GreyImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LiveViewEncoderTest {

    /** A smooth picture JPEG keeps well: a diagonal gradient with a bright disc. */
    private static GreyImage picture(int w, int h) {
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = Math.hypot(x - w / 2.0, y - h / 2.0);
                int v = (int) (40 + 100.0 * (x + y) / (w + h)) + (d < h / 4.0 ? 90 : 0);
                px[y * w + x] = (byte) Math.min(255, v);
            }
        }
        return new GreyImage(w, h, px);
    }

    /** Decoded by the JDK's own JPEG reader: an independent decoder. */
    private static GreyImage decode(byte[] jpeg) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertNotNull(img, "not a JPEG the JDK can read");
        return GreyImage.of(img);
    }

    @Test
    void encodedJpegDecodesBackToTheSamePicture() throws IOException {
        GreyImage pic = picture(320, 240);
        byte[] jpeg = JpegEncoder.encodeOnce(pic, 90);
        assertEquals(0xFF, jpeg[0] & 0xff);
        assertEquals(0xD8, jpeg[1] & 0xff, "JPEG start-of-image marker");
        GreyImage back = decode(jpeg);
        assertEquals(320, back.width());
        assertEquals(240, back.height());
        assertTrue(FileSourceTest.meanAbsDiff(pic, back) < 2.0, "quality 90 keeps a smooth picture within 2 levels");
    }

    @Test
    void liveViewPublishesTheOfferedFrameAsJpeg() throws Exception {
        try (LiveViewEncoder live = new LiveViewEncoder(30, 80)) {
            CopyOnWriteArrayList<LiveJpeg> heard = new CopyOnWriteArrayList<>();
            live.addListener(heard::add);
            long t = System.nanoTime();
            live.offer(new Frame(42, t, picture(1280, 720)));
            LiveJpeg j = live.awaitNext(-1, Duration.ofSeconds(10));
            assertNotNull(j, "no JPEG within 10 s");
            assertEquals(42, j.sequence());
            assertEquals(t, j.captureNanos());
            assertTrue(j.readyNanos() >= t);
            GreyImage back = decode(j.jpeg());
            assertEquals(1280, back.width());
            assertEquals(720, back.height());
            Waits.until(Duration.ofSeconds(5), () -> !heard.isEmpty(), () -> "the listener to hear frame 42");
            assertEquals(42, heard.getFirst().sequence());
            assertEquals(null, live.awaitNext(42, Duration.ofMillis(50)), "nothing newer was offered");
        }
    }

    @Test
    void dropsFramesOfferedFasterThanTheCapAndEndsOnTheNewest() throws Exception {
        try (LiveViewEncoder live = new LiveViewEncoder(5, 80)) {
            GreyImage pic = picture(640, 480);
            long t = System.nanoTime();
            for (int s = 1; s <= 100; s++) live.offer(new Frame(s, t + s, pic));
            Waits.until(Duration.ofSeconds(10), () -> live.latest() != null && live.latest().sequence() == 100,
                    () -> "the newest frame (100) to be encoded; latest " + live.latest());
            assertEquals(100, live.offeredCount());
            // at 5 fps the encoder takes one frame, waits 200 ms and then only the newest: 100 offers in a burst
            // can never become 100 pictures
            assertTrue(live.encodedCount() < 10, "encoded " + live.encodedCount() + " of a 100-frame burst");
        }
    }

    @Test
    void aSteadyFasterSourceIsHeldToTheCapOnAverage() throws Exception {
        try (LiveViewEncoder live = new LiveViewEncoder(10, 80)) {
            GreyImage pic = picture(160, 120);
            long t0 = System.nanoTime();
            for (int s = 1; s <= 300; s++) {
                live.offer(new Frame(s, System.nanoTime(), pic));
                Thread.sleep(3);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long encoded = live.encodedCount();
            // a slow machine only encodes fewer; the cap allows one per 100 ms plus the first and one early slot
            assertTrue(encoded <= Math.floor(seconds * 10) + 2, encoded + " pictures in " + seconds + " s at 10 fps");
            assertTrue(encoded >= 1);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JpegEncoder(0));
        var e = assertThrows(IllegalArgumentException.class, () -> new LiveViewEncoder(0, 80));
        assertTrue(e.getMessage().contains("max fps"), e.getMessage());
    }
}
