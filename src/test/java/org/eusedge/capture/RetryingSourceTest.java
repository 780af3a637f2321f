package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every source shares, exercised through the simulator: a bad consumer and a close from inside the sink. */
@Timeout(30)
class RetryingSourceTest {

    @Test
    void aConsumerThatThrowsDoesNotStopCapture() {
        Logger log = Logger.getLogger(RetryingSource.class.getName());
        Level before = log.getLevel();
        log.setLevel(Level.OFF); // the failures are expected here; keep them out of the test output
        try (SimulatorSource src = new SimulatorSource(3, 128, 128, 100)) {
            AtomicInteger calls = new AtomicInteger();
            src.start(f -> {
                calls.incrementAndGet();
                throw new IllegalStateException("consumer bug");
            });
            Waits.until(Duration.ofSeconds(15), () -> calls.get() >= 5, () -> "5 frames despite the failing sink; "
                    + src.status());
            assertEquals(SourceStatus.State.RUNNING, src.status().state());
        } finally {
            log.setLevel(before);
        }
    }

    @Test
    void closingFromInsideTheSinkStopsAfterThatFrame() {
        SimulatorSource src = new SimulatorSource(4, 128, 128, 100);
        AtomicInteger calls = new AtomicInteger();
        src.start(f -> {
            calls.incrementAndGet();
            src.close();
        });
        Waits.until(Duration.ofSeconds(15), () -> src.status().state() == SourceStatus.State.STOPPED
                && calls.get() == 1, () -> "STOPPED after one frame; " + calls.get() + " frames, " + src.status());
        src.close(); // idempotent
        assertEquals(1, calls.get());
    }
}
