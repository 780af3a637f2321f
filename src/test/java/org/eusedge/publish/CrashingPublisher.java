package org.eusedge.publish;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;

/**
 * Run in a child JVM by the tests: starts a link, publishes results, prints their ids and dies at once
 * (Runtime.halt: no close, no shutdown hooks), as the service does on a crash or power cut.
 * Arguments: serverUri clientId outboxDir count.
 */
public final class CrashingPublisher {
    private CrashingPublisher() {}

    public static void main(String[] args) {
        MqttSettings s = MqttSettings.of(args[0], args[1], Path.of(args[2]));
        RoomSystemLink link = RoomSystemLink.start(s);
        int count = Integer.parseInt(args[3]);
        for (int i = 1; i <= count; i++) {
            System.out.println(link.publish(JsonNodeFactory.instance.objectNode().put("n", i)));
        }
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }
}
