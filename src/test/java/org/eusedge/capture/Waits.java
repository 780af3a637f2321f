package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for tests of threaded sources: every wait ends, with a message saying what never happened. */
final class Waits {
    private Waits() {}

    static void until(Duration limit, BooleanSupplier condition, Supplier<String> whatWasExpected) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("waited " + limit.toMillis() + " ms: " + whatWasExpected.get());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting: " + whatWasExpected.get());
            }
        }
    }
}
