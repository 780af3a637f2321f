package org.eusedge.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** The room system's side in tests: a second, independent Paho client that records what it receives. */
final class RecordingSubscriber implements AutoCloseable {

    record Received(String topic, String payload, boolean retained) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + payload, e);
            }
        }
    }

    private static final long WAIT_MS = 10_000;
    private final MqttAsyncClient client;
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();

    private RecordingSubscriber(MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * Connects and subscribes at QoS 1. A persistent session (clean start off, kept 5 minutes) with Paho's automatic
     * reconnect rides out a broker restart and receives what was queued for it meanwhile.
     */
    static RecordingSubscriber connect(String serverUri, String clientId, String topicFilter, boolean persistentSession)
            throws MqttException {
        return connect(serverUri, clientId, topicFilter, persistentSession, null, null);
    }

    static RecordingSubscriber connect(String serverUri, String clientId, String topicFilter, boolean persistentSession,
                                       String user, String password) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        RecordingSubscriber s = new RecordingSubscriber(c);
        c.setCallback(s.new Recorder());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(!persistentSession);
        o.setSessionExpiryInterval(persistentSession ? 300L : 0L);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 2);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        c.connect(o).waitForCompletion(WAIT_MS);
        IMqttToken sub = c.subscribe(new MqttSubscription(topicFilter, 1));
        sub.waitForCompletion(WAIT_MS);
        return s;
    }

    Optional<Received> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The next message, failing the test when none comes within 10 s. */
    Received next(String what) throws InterruptedException {
        Received r = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (r == null) throw new AssertionError("no MQTT message within " + WAIT_MS + " ms: expected " + what);
        return r;
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, new MqttProperties()))
                .waitForCompletion(WAIT_MS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect().waitForCompletion(WAIT_MS);
        client.close(true);
    }

    private final class Recorder implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            queue.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void deliveryComplete(IMqttToken t) {}

        @Override
        public void connectComplete(boolean reconnect, String uri) {}

        @Override
        public void authPacketArrived(int code, MqttProperties p) {}
    }
}
