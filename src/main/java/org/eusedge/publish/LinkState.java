package org.eusedge.publish;

/**
 * What the status bar shows about the room-system link.
 *
 * @param status    where the link stands
 * @param pending   results written to the outbox and not yet acknowledged by the broker
 * @param lastError why the last connection attempt or delivery failed, or null
 */
public record LinkState(Status status, long pending, String lastError) {

    public enum Status {
        /** No room system configured: results are not sent, and that is not an error. */
        DISABLED,
        /** Started, first connection attempt under way. */
        CONNECTING,
        /** Connected to the broker; the outbox is being delivered. */
        ONLINE,
        /** Not connected (broker unreachable, refused or lost); retrying with back-off, results wait in the outbox. */
        OFFLINE
    }
}
