package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eusedge.imaging.GreyImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FrameRingTest {
    private static final long MS = 1_000_000L;

    private static Frame frame(long seq, long timestampNanos) {
        return new Frame(seq, timestampNanos, new GreyImage(4, 4, new byte[16]));
    }

    private static List<Long> sequences(List<Frame> frames) {
        return frames.stream().map(Frame::sequence).toList();
    }

    @Test
    void holdsAtMostCapacityFramesAndForgetsTheOverwrittenOnes() {
        FrameRing ring = new FrameRing(Duration.ofSeconds(10), 4);
        long t0 = System.nanoTime();
        for (long s = 1; s <= 10; s++) ring.push(frame(s, t0 + s * MS));
        assertEquals(List.of(7L, 8L, 9L, 10L), sequences(ring.snapshot()));
        assertEquals(10, ring.latest().orElseThrow().sequence());
        assertTrue(ring.bySequence(6).isEmpty(), "frame 6 was overwritten");
        assertTrue(ring.bySequence(11).isEmpty(), "frame 11 never existed");
        assertEquals(8, ring.bySequence(8).orElseThrow().sequence());
    }

    @Test
    void releasesFramesOlderThanTheMaxAgeOnTheNextPush() {
        FrameRing ring = new FrameRing(Duration.ofMillis(100), 64);
        long now = System.nanoTime();
        ring.push(frame(1, now - 1000 * MS));
        ring.push(frame(2, now - 500 * MS));
        ring.push(frame(3, now - 50 * MS));
        ring.push(frame(4, now));
        // 100 ms before the newest frame: only frames 3 (50 ms older) and 4 remain referenced
        assertEquals(List.of(3L, 4L), sequences(ring.snapshot()));
        assertTrue(ring.bySequence(2).isEmpty(), "an aged-out frame is gone");
    }

    @Test
    void windowReturnsTheFramesOfTheLastSpanOldestFirst() {
        FrameRing ring = new FrameRing(Duration.ofSeconds(2), 16);
        long now = System.nanoTime();
        ring.push(frame(1, now - 1500 * MS));
        ring.push(frame(2, now - 800 * MS));
        ring.push(frame(3, now - 300 * MS));
        ring.push(frame(4, now - 10 * MS));
        assertEquals(List.of(3L, 4L), sequences(ring.window(Duration.ofMillis(600))));
        assertEquals(List.of(1L, 2L, 3L, 4L), sequences(ring.window(Duration.ofSeconds(5))), "capped at the ring");
    }

    @Test
    void anEmptyRingHasNothing() {
        FrameRing ring = FrameRing.standard();
        assertTrue(ring.latest().isEmpty());
        assertTrue(ring.window(Duration.ofSeconds(1)).isEmpty());
        assertTrue(ring.bySequence(1).isEmpty());
        assertEquals(128, ring.capacity());
        assertEquals(Duration.ofSeconds(2), ring.maxAge());
    }

    @Test
    void refusesFramesOutOfCaptureOrderAndBadSizes() {
        FrameRing ring = new FrameRing(Duration.ofSeconds(2), 4);
        long now = System.nanoTime();
        ring.push(frame(1, now));
        var e = assertThrows(IllegalArgumentException.class, () -> ring.push(frame(2, now - 5 * MS)));
        assertTrue(e.getMessage().contains("capture order"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FrameRing(Duration.ofSeconds(2), 0));
        assertThrows(IllegalArgumentException.class, () -> new FrameRing(Duration.ZERO, 4));
    }

    @Test
    void readersNeverSeeFramesOutOfOrderWhileTheWriterWraps() throws Exception {
        FrameRing ring = new FrameRing(Duration.ofSeconds(60), 8);
        long t0 = System.nanoTime() - 30_000 * MS;
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 20_000 && problem.get() == null; i++) {
                List<Frame> snap = ring.snapshot();
                for (int k = 1; k < snap.size(); k++) {
                    if (snap.get(k).sequence() <= snap.get(k - 1).sequence()) {
                        problem.set("snapshot out of order: " + sequences(snap));
                    }
                }
                if (snap.size() > 8) problem.set("more than capacity: " + snap.size());
                ring.latest().ifPresent(f -> ring.bySequence(f.sequence()).ifPresent(g -> {
                    if (g.sequence() != f.sequence()) problem.set("bySequence returned another frame");
                }));
            }
        });
        for (long s = 1; s <= 200_000; s++) ring.push(frame(s, t0 + s * 1000));
        reader.join(20_000);
        assertEquals(null, problem.get());
        assertSame(ring.latest().orElseThrow(), ring.bySequence(200_000).orElseThrow());
    }
}
