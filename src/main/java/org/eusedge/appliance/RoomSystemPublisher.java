package org.eusedge.appliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.publish.LinkState;
import org.eusedge.publish.MqttSettings;
import org.eusedge.publish.RoomSystemLink;

import java.util.Locale;
import java.util.Objects;

/** The appliance's results to the room system through a {@link RoomSystemLink} (MQTT, or disabled). */
public final class RoomSystemPublisher implements ResultPublisher {
    private final RoomSystemLink link;

    public RoomSystemPublisher(RoomSystemLink link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    /** Starts the link {@code config} names: MQTT when "mqtt" is set, else a disabled link. Never waits on the broker. */
    public static RoomSystemLink startLink(ApplianceConfig config) {
        ApplianceConfig.Mqtt m = config.mqtt();
        if (m == null) return RoomSystemLink.disabled();
        return RoomSystemLink.start(new MqttSettings(m.serverUri(), m.clientId(), m.resultTopic(), m.statusTopic(),
                m.contextTopic(), m.username(), m.password(), m.trustStore(), m.trustStorePassword(), 1, m.outboxDir(),
                null, null));
    }

    public RoomSystemLink link() {
        return link;
    }

    @Override
    public String publish(ObjectNode result) {
        return link.publish(result);
    }

    /** "off", "online", "connecting, 2 waiting" or "offline, 3 waiting: connection refused". */
    @Override
    public String state() {
        LinkState s = link.state();
        if (s.status() == LinkState.Status.DISABLED) return "off";
        StringBuilder b = new StringBuilder(s.status().name().toLowerCase(Locale.ROOT));
        if (s.pending() > 0) b.append(", ").append(s.pending()).append(" waiting");
        if (s.status() == LinkState.Status.OFFLINE && s.lastError() != null) b.append(": ").append(s.lastError());
        return b.toString();
    }
}
