package org.eusedge.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the appliance reaches the room system's MQTT broker. Build with {@link #of} and the with- methods; null optional
 * components take their defaults (topics under "eus-edge/&lt;clientId&gt;/", session kept a day, reconnect back-off
 * up to 10 s).
 *
 * @param serverUri          tcp://host:port or ssl://host:port
 * @param clientId           MQTT client id; also names the default topics, so it must not contain '/', '+' or '#'
 * @param resultTopic        where scoring results go (default eus-edge/&lt;clientId&gt;/result)
 * @param statusTopic        retained online/offline status (default eus-edge/&lt;clientId&gt;/status)
 * @param contextTopic       topic (filter) carrying procedure context to pre-fill the form; null: not subscribed
 * @param username           null: anonymous
 * @param password           null: none; needs a username
 * @param trustStorePath     PKCS12 or JKS trust store for ssl://; null: the JVM's default trust
 * @param trustStorePassword password of the trust store, or null
 * @param qos                1 (at least once) or 2; 0 would drop results and is refused
 * @param outboxDir          folder of the durable outbox (one link per folder)
 * @param sessionExpiry      how long the broker keeps this client's session while it is away
 * @param maxReconnectDelay  longest wait between connection attempts (the back-off starts at 250 ms and doubles)
 */
public record MqttSettings(String serverUri, String clientId, String resultTopic, String statusTopic, String contextTopic,
                           String username, String password, Path trustStorePath, String trustStorePassword, int qos,
                           Path outboxDir, Duration sessionExpiry, Duration maxReconnectDelay) {

    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(1);
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(10);

    public MqttSettings {
        serverUri = checkServerUri(serverUri);
        if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("MQTT clientId must not be blank");
        if (clientId.contains("/") || clientId.contains("+") || clientId.contains("#")) {
            throw new IllegalArgumentException("MQTT clientId '" + clientId + "' must not contain '/', '+' or '#' (it names the default topics)");
        }
        resultTopic = resultTopic == null ? "eus-edge/" + clientId + "/result" : checkTopicName(resultTopic, "resultTopic");
        statusTopic = statusTopic == null ? "eus-edge/" + clientId + "/status" : checkTopicName(statusTopic, "statusTopic");
        if (resultTopic.equals(statusTopic)) {
            throw new IllegalArgumentException("resultTopic and statusTopic must differ, both are '" + resultTopic + "'");
        }
        if (contextTopic != null && contextTopic.isEmpty()) {
            throw new IllegalArgumentException("contextTopic must be null (no procedure context) or a topic filter, not empty");
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("an MQTT password needs a username");
        }
        if (trustStorePath != null && serverUri.startsWith("tcp://")) {
            throw new IllegalArgumentException("a trust store is set but serverUri is " + serverUri + "; use ssl:// for TLS");
        }
        if (trustStorePassword != null && trustStorePath == null) {
            throw new IllegalArgumentException("a trust store password is set without a trust store path");
        }
        if (qos != 1 && qos != 2) {
            throw new IllegalArgumentException("MQTT qos must be 1 or 2 (results must not be dropped), got " + qos);
        }
        Objects.requireNonNull(outboxDir, "outboxDir: the folder of the durable outbox");
        sessionExpiry = positive(sessionExpiry == null ? DEFAULT_SESSION_EXPIRY : sessionExpiry, "sessionExpiry");
        maxReconnectDelay = positive(maxReconnectDelay == null ? DEFAULT_MAX_RECONNECT_DELAY : maxReconnectDelay, "maxReconnectDelay");
    }

    /** Settings with every optional part at its default: default topics, no context topic, anonymous, QoS 1. */
    public static MqttSettings of(String serverUri, String clientId, Path outboxDir) {
        return new MqttSettings(serverUri, clientId, null, null, null, null, null, null, null, 1, outboxDir, null, null);
    }

    public MqttSettings withTopics(String result, String status) {
        return new MqttSettings(serverUri, clientId, result, status, contextTopic, username, password, trustStorePath,
                trustStorePassword, qos, outboxDir, sessionExpiry, maxReconnectDelay);
    }

    public MqttSettings withContextTopic(String topicFilter) {
        return new MqttSettings(serverUri, clientId, resultTopic, statusTopic, topicFilter, username, password,
                trustStorePath, trustStorePassword, qos, outboxDir, sessionExpiry, maxReconnectDelay);
    }

    public MqttSettings withCredentials(String user, String pass) {
        return new MqttSettings(serverUri, clientId, resultTopic, statusTopic, contextTopic, user, pass, trustStorePath,
                trustStorePassword, qos, outboxDir, sessionExpiry, maxReconnectDelay);
    }

    public MqttSettings withTrustStore(Path path, String storePassword) {
        return new MqttSettings(serverUri, clientId, resultTopic, statusTopic, contextTopic, username, password, path,
                storePassword, qos, outboxDir, sessionExpiry, maxReconnectDelay);
    }

    public MqttSettings withQos(int q) {
        return new MqttSettings(serverUri, clientId, resultTopic, statusTopic, contextTopic, username, password,
                trustStorePath, trustStorePassword, q, outboxDir, sessionExpiry, maxReconnectDelay);
    }

    public MqttSettings withSessionExpiry(Duration expiry) {
        return new MqttSettings(serverUri, clientId, resultTopic, statusTopic, contextTopic, username, password,
                trustStorePath, trustStorePassword, qos, outboxDir, expiry, maxReconnectDelay);
    }

    public MqttSettings withMaxReconnectDelay(Duration delay) {
        return new MqttSettings(serverUri, clientId, resultTopic, statusTopic, contextTopic, username, password,
                trustStorePath, trustStorePassword, qos, outboxDir, sessionExpiry, delay);
    }

    /** Never prints the passwords (settings end up in logs). */
    @Override
    public String toString() {
        return "MqttSettings[serverUri=" + serverUri + ", clientId=" + clientId + ", resultTopic=" + resultTopic
                + ", statusTopic=" + statusTopic + ", contextTopic=" + contextTopic + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", trustStorePath=" + trustStorePath
                + ", qos=" + qos + ", outboxDir=" + outboxDir + ", sessionExpiry=" + sessionExpiry
                + ", maxReconnectDelay=" + maxReconnectDelay + "]";
    }

    private static String checkServerUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("MQTT serverUri is missing; give tcp://host:port or ssl://host:port,"
                    + " or use RoomSystemLink.disabled() when there is no room system");
        }
        URI parsed;
        try {
            parsed = new URI(uri.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("MQTT serverUri '" + uri + "' is not a URI: " + e.getMessage(), e);
        }
        String scheme = parsed.getScheme();
        if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
            throw new IllegalArgumentException("MQTT serverUri '" + uri + "' must start with tcp:// or ssl://");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("MQTT serverUri '" + uri + "' has no host; write e.g. tcp://room-broker:1883");
        }
        return parsed.toString();
    }

    private static String checkTopicName(String topic, String name) {
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException(name + " '" + topic + "' must be a non-empty topic name without wildcards (+, #)");
        }
        return topic;
    }

    private static Duration positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, got " + d);
        return d;
    }
}
