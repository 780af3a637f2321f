package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The capture half of the live flow on a real clip: source -> ring + live view, then a freeze from the ring. */
@Timeout(60)
class LivePipelineTest {

    @Test
    void aReplayedClipFillsTheRingFeedsTheLiveViewAndFreezesOnTheSharpestRecentFrame() throws Exception {
        FrameRing ring = FrameRing.standard();
        try (FileSource src = new FileSource(FileSourceTest.MP4);
             LiveViewEncoder live = LiveViewEncoder.standard()) {
            src.start(f -> {
                ring.push(f);
                live.offer(f);
            });
            Waits.until(Duration.ofSeconds(20), () -> src.status().framesDelivered() >= 30,
                    () -> "30 frames; status " + src.status());
            LiveJpeg j = live.awaitNext(-1, Duration.ofSeconds(10));
            assertNotNull(j);
            assertEquals(386, j.width());

            FreezeSelector freeze = FreezeSelector.standard(ring);
            List<FreezeSelector.Candidate> strip = freeze.candidates(5);
            FreezeSelector.Candidate best = freeze.select().orElseThrow();
            assertTrue(strip.size() >= 2, "a 29 fps clip gives several frames in 0.5 s: " + strip.size());
            for (int i = 1; i < strip.size(); i++) {
                assertTrue(strip.get(i).frame().sequence() > strip.get(i - 1).frame().sequence(), "time order");
            }
            // the chosen frame is still retrievable by its id (what the HTTP layer does after a freeze)
            assertEquals(best.frame(), ring.bySequence(best.frame().sequence()).orElseThrow());
            assertEquals(Sharpness.varianceOfLaplacian(best.frame().image()), best.sharpness(), 0,
                    "386x386 frames are measured at full resolution");
        }
    }
}
