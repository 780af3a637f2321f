package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.eusedge.imaging.GreyImage;
import org.junit.jupiter.api.Test;

class FreezeSelectorTest {
    private static final long MS = 1_000_000L;

    /** A speckle-like texture: random grey levels in 8x8-pixel-correlated blobs plus fine noise. */
    private static GreyImage texture(long seed) {
        int w = 160;
        int h = 120;
        Random r = new Random(seed);
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (60 + r.nextInt(136));
        return new GreyImage(w, h, px);
    }

    /** The same picture through a 5x5 box filter (edges clamped): what motion or defocus does to it. */
    private static GreyImage blurred(GreyImage img) {
        int w = img.width();
        int h = img.height();
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        int xx = Math.clamp(x + dx, 0, w - 1);
                        int yy = Math.clamp(y + dy, 0, h - 1);
                        sum += img.pixels()[yy * w + xx] & 0xff;
                    }
                }
                out[y * w + x] = (byte) Math.round(sum / 25.0);
            }
        }
        return new GreyImage(w, h, out);
    }

    @Test
    void picksTheSharpFrameOverBlurredCopiesOfIt() {
        GreyImage sharp = texture(1);
        GreyImage soft = blurred(sharp);
        FrameRing ring = FrameRing.standard();
        long now = System.nanoTime();
        ring.push(new Frame(1, now - 300 * MS, soft));
        ring.push(new Frame(2, now - 200 * MS, sharp));
        ring.push(new Frame(3, now - 100 * MS, soft));
        ring.push(new Frame(4, now - 5 * MS, soft));
        FreezeSelector.Candidate best = FreezeSelector.standard(ring).select().orElseThrow();
        assertEquals(2, best.frame().sequence());
        assertEquals(Sharpness.varianceOfLaplacian(sharp), best.sharpness(), 0);
        assertTrue(best.sharpness() > 10 * Sharpness.varianceOfLaplacian(soft), "blur removes most of the Laplacian");
    }

    @Test
    void ignoresSharperFramesOlderThanTheWindow() {
        GreyImage sharp = texture(2);
        FrameRing ring = FrameRing.standard();
        long now = System.nanoTime();
        ring.push(new Frame(1, now - 1500 * MS, sharp));
        ring.push(new Frame(2, now - 100 * MS, blurred(sharp)));
        assertEquals(2, FreezeSelector.standard(ring).select().orElseThrow().frame().sequence());
    }

    @Test
    void candidatesCoverTheWindowInTimeOrderAndIncludeTheSharpest() {
        GreyImage sharp = texture(3);
        GreyImage soft = blurred(sharp);
        GreyImage softer = blurred(soft);
        FrameRing ring = FrameRing.standard();
        long now = System.nanoTime();
        // runs of two: (1 soft, 2 softer), (3 softer, 4 sharp), (5 soft, 6 softer)
        GreyImage[] pics = {soft, softer, softer, sharp, soft, softer};
        for (int i = 0; i < pics.length; i++) ring.push(new Frame(i + 1, now - (300 - 50 * i) * MS, pics[i]));
        FreezeSelector sel = FreezeSelector.standard(ring);
        List<Long> strip = sel.candidates(3).stream().map(c -> c.frame().sequence()).toList();
        assertEquals(List.of(1L, 4L, 5L), strip);
        assertEquals(6, sel.candidates(10).size(), "never more than the frames in the window");
        assertEquals(4, sel.select().orElseThrow().frame().sequence());
        assertThrows(IllegalArgumentException.class, () -> sel.candidates(0));
    }

    @Test
    void anEmptyRingGivesNothingAndAStalledSourceGivesItsLastFrame() {
        FrameRing ring = FrameRing.standard();
        FreezeSelector sel = FreezeSelector.standard(ring);
        assertTrue(sel.select().isEmpty());
        assertTrue(sel.candidates(5).isEmpty());
        ring.push(new Frame(9, System.nanoTime() - 1200 * MS, texture(4)));
        assertEquals(9, sel.select().orElseThrow().frame().sequence());
        assertEquals(1, sel.candidates(5).size());
    }

    @Test
    void largeFramesAreMeasuredOnACoarserGrid() {
        assertEquals(1, FreezeSelector.samplingStep(386, 386));
        assertEquals(1, FreezeSelector.samplingStep(640, 480));
        assertEquals(2, FreezeSelector.samplingStep(1280, 720));
        assertEquals(4, FreezeSelector.samplingStep(1920, 1080));
    }
}
