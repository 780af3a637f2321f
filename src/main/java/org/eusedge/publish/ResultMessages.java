package org.eusedge.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** The message id every result carries, so the room system can drop the duplicates at-least-once delivery allows. */
final class ResultMessages {
    static final String MESSAGE_ID = "message_id";

    private ResultMessages() {}

    /** Gives the result a random UUID message_id unless it has a valid one; returns the id. */
    static String ensureMessageId(ObjectNode result) {
        JsonNode existing = result.get(MESSAGE_ID);
        if (existing == null || existing.isNull()) {
            String id = UUID.randomUUID().toString();
            result.put(MESSAGE_ID, id);
            return id;
        }
        if (!existing.isTextual() || existing.textValue().isBlank()) {
            throw new IllegalArgumentException("result field message_id must be a non-blank string (or absent, then a UUID"
                    + " is assigned), got " + existing);
        }
        return existing.textValue();
    }
}
