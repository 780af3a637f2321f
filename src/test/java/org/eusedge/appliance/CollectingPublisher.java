package org.eusedge.appliance;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** An in-process room system for the appliance's tests: keeps every published message in order. */
public final class CollectingPublisher implements ResultPublisher {
    private final List<ObjectNode> messages = new ArrayList<>();

    @Override
    public synchronized String publish(ObjectNode result) {
        messages.add(result.deepCopy());
        return result.get("message_id").asText();
    }

    @Override
    public synchronized String state() {
        return "test receiver, " + messages.size() + " received";
    }

    public synchronized List<ObjectNode> messages() {
        return List.copyOf(messages);
    }
}
