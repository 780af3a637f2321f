package org.eusedge.appliance;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a scoring result goes after it is audited: the room system (org.eusedge.publish.RoomSystemLink adapts to this
 * in two lines). Must not block on the network: a result made while the room system is away is kept and sent later.
 */
public interface ResultPublisher {

    /** Queues {@code result} (it carries a "message_id"); returns the message id the room system will see. */
    String publish(ObjectNode result);

    /** One line for the status bar, e.g. "off", "online", "offline, 3 waiting: connection refused". */
    String state();
}
