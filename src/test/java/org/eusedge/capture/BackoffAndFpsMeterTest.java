package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackoffAndFpsMeterTest {

    @Test
    void backoffDoublesFromHalfASecondUpToFiveAndStartsOverAfterASuccess() {
        Backoff b = Backoff.standard();
        List<Long> ms = Stream.generate(b::next).limit(7).map(Duration::toMillis).toList();
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L), ms);
        b.reset();
        assertEquals(500, b.next().toMillis());
    }

    @Test
    void fpsIsIntervalsOverTheirSpanWithinTheWindow() {
        FpsMeter m = new FpsMeter(8, 1_000_000_000L);
        long t = 10_000_000_000L;
        assertEquals(0, m.fps(t));
        // 5 frames 40 ms apart: 4 intervals over 160 ms = 25 fps
        for (int i = 0; i < 5; i++) m.mark(t + i * 40_000_000L);
        assertEquals(25.0, m.fps(t + 160_000_000L), 1e-9);
        // 20 frames 10 ms apart: only the last 8 are kept, 7 intervals over 70 ms = 100 fps
        long t2 = t + 1_000_000_000L;
        for (int i = 0; i < 20; i++) m.mark(t2 + i * 10_000_000L);
        assertEquals(100.0, m.fps(t2 + 190_000_000L), 1e-9);
        // nothing for longer than the window: the source stalled
        assertEquals(0, m.fps(t2 + 190_000_000L + 1_500_000_000L));
    }
}
