package org.eusedge.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The appliance's line to the room system: scoring results out (durably, in order, at least once), a retained
 * online/offline status, and procedure context in. Either an MQTT link ({@link #start}) or, where no room system is
 * configured, a link that is plainly {@link LinkState.Status#DISABLED} ({@link #disabled}).
 */
public sealed interface RoomSystemLink extends AutoCloseable permits MqttRoomSystemLink, DisabledRoomSystemLink {

    /**
     * Opens the outbox and starts connecting in the background. Never blocks on the broker and never fails because
     * the broker is down: it retries with back-off, and results wait in the outbox meanwhile.
     *
     * @throws IllegalArgumentException if the trust store cannot be read
     * @throws IllegalStateException    if the outbox folder cannot be used (not writable, or in use by another link)
     */
    static RoomSystemLink start(MqttSettings settings) {
        Objects.requireNonNull(settings, "MQTT settings; use RoomSystemLink.disabled() when no room system is configured");
        return MqttRoomSystemLink.start(settings);
    }

    /** A link for appliances without a room system: publish() sends nothing and state() says DISABLED. */
    static RoomSystemLink disabled() {
        return new DisabledRoomSystemLink();
    }

    /**
     * Queues a scoring result for the room system. A copy of {@code result} gets a "message_id" (a random UUID) unless
     * it has one; the copy is stored durably before this returns and is delivered after every earlier result. The
     * receiver may see a message twice (at-least-once), always with the same message_id.
     *
     * @return the message id
     * @throws IllegalArgumentException if result has a message_id that is not a non-blank string
     */
    String publish(ObjectNode result);

    LinkState state();

    /** Called on an MQTT thread for each valid procedure-context message; keep it short. Replaces any earlier listener. */
    void onProcedureContext(Consumer<ProcedureContext> listener);

    /** The latest valid procedure context received since start, if any. */
    Optional<ProcedureContext> lastProcedureContext();

    /** Says "offline" on the status topic, disconnects and closes the outbox; undelivered results stay on disk. */
    @Override
    void close();
}
