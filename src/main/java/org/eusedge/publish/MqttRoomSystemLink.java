package org.eusedge.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The MQTT room-system link. One worker thread owns the connection and the delivery: it connects (retrying with
 * doubling back-off), then sends the outbox head, waits for the broker's acknowledgement, deletes it, and takes the
 * next. One message in flight keeps the order strict and stays far from Paho's in-flight limit (error 32202).
 *
 * Paho's own automatic reconnect is deliberately off: it does not retry a failed first connect, and on reconnect it
 * re-sends its in-memory in-flight copies, which would race the outbox's retry. Instead each connection is a fresh
 * client with a persistent broker session (clean start off), so the outbox is the single owner of retries.
 */
final class MqttRoomSystemLink implements RoomSystemLink {

    private static final System.Logger LOG = System.getLogger(RoomSystemLink.class.getName());
    private static final long FIRST_RETRY_MS = 250;
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final long ACK_TIMEOUT_MS = 10_000;
    private static final long CLOSE_STEP_MS = 2_000;
    private static final int KEEP_ALIVE_S = 10;
    private static final long POLL_MS = 100;

    private final MqttSettings settings;
    private final DurableOutbox outbox;
    private final SocketFactory socketFactory;
    private final ObjectMapper json = new ObjectMapper();
    private final Semaphore wake = new Semaphore(0);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicReference<ProcedureContext> lastContext = new AtomicReference<>();
    private final Thread worker;
    private volatile MqttAsyncClient client;
    private volatile LinkState.Status status = LinkState.Status.CONNECTING;
    private volatile String lastError;
    private volatile Consumer<ProcedureContext> contextListener;
    private volatile LinkState finalState;

    private MqttRoomSystemLink(MqttSettings settings, DurableOutbox outbox, SocketFactory socketFactory) {
        this.settings = settings;
        this.outbox = outbox;
        this.socketFactory = socketFactory;
        this.worker = Thread.ofPlatform().daemon().name("room-link-" + settings.clientId()).unstarted(this::run);
    }

    static MqttRoomSystemLink start(MqttSettings settings) {
        SocketFactory tls = settings.trustStorePath() == null
                ? null
                : TrustStores.socketFactory(settings.trustStorePath(), settings.trustStorePassword());
        MqttRoomSystemLink link = new MqttRoomSystemLink(settings, DurableOutbox.open(settings.outboxDir()), tls);
        link.worker.start();
        return link;
    }

    @Override
    public String publish(ObjectNode result) {
        Objects.requireNonNull(result, "result");
        ObjectNode message = result.deepCopy();
        String id = ResultMessages.ensureMessageId(message);
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("result cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (finalState != null) throw new IllegalStateException("RoomSystemLink is closed; start a new one to send results");
        outbox.append(id, settings.resultTopic(), payload);
        wake.release();
        return id;
    }

    @Override
    public LinkState state() {
        LinkState closed = finalState;
        return closed != null ? closed : new LinkState(status, outbox.size(), lastError);
    }

    @Override
    public void onProcedureContext(Consumer<ProcedureContext> listener) {
        this.contextListener = listener;
    }

    @Override
    public Optional<ProcedureContext> lastProcedureContext() {
        return Optional.ofNullable(lastContext.get());
    }

    // ---- the worker ---------------------------------------------------------------------------------------------

    private void run() {
        try {
            deliverUntilClosed();
        } catch (InterruptedException e) {
            // only close() interrupts, and only a worker that did not stop in time
        }
    }

    private void deliverUntilClosed() throws InterruptedException {
        long retryMs = FIRST_RETRY_MS;
        while (!isClosing()) {
            try {
                MqttAsyncClient c = client;
                if (c == null || !c.isConnected()) {
                    if (c != null) {
                        status = LinkState.Status.OFFLINE;
                        client = null;
                        discard(c);
                    }
                    client = connect();
                    status = LinkState.Status.ONLINE;
                    lastError = null;
                    retryMs = FIRST_RETRY_MS;
                    continue;
                }
                Optional<DurableOutbox.Pending> head = outbox.oldest();
                if (head.isEmpty()) {
                    wake.tryAcquire(500, TimeUnit.MILLISECONDS);
                    continue;
                }
                deliver(c, head.get());
                outbox.remove(head.get().seq());
            } catch (MqttException | LinkFailure | RuntimeException e) {
                if (isClosing()) break;
                lastError = describe(e);
                if (client == null || !client.isConnected()) status = LinkState.Status.OFFLINE;
                LOG.log(Level.DEBUG, "room link: {0}; retrying in {1} ms", lastError, retryMs);
                pause(retryMs);
                retryMs = Math.min(retryMs * 2, settings.maxReconnectDelay().toMillis());
            }
        }
    }

    private MqttAsyncClient connect() throws MqttException, LinkFailure, InterruptedException {
        MqttAsyncClient c = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        c.setCallback(new Callback(c));
        try {
            Completion connected = new Completion();
            c.connect(options(), null, connected);
            await(c, connected, CONNECT_TIMEOUT_MS, "connecting to " + settings.serverUri(), false);
            if (settings.contextTopic() != null) {
                Completion subscribed = new Completion();
                c.subscribe(new MqttSubscription[] {new MqttSubscription(settings.contextTopic(), settings.qos())},
                        null, subscribed, new MqttProperties());
                await(c, subscribed, ACK_TIMEOUT_MS, "subscribing to " + settings.contextTopic(), true);
            }
            publishStatus(c, "online", null);
            return c; // even when closing meanwhile: close() then says "offline" and disconnects cleanly
        } catch (MqttException | LinkFailure | InterruptedException | RuntimeException e) {
            discard(c);
            throw e;
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout((int) (CONNECT_TIMEOUT_MS / 1000));
        o.setKeepAliveInterval(KEEP_ALIVE_S);
        // the will is fixed now and published later by the broker, so it carries no time
        o.setWill(settings.statusTopic(), statusMessage("offline", "connection lost", null));
        if (settings.username() != null) o.setUserName(settings.username());
        if (settings.password() != null) o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        if (socketFactory != null) o.setSocketFactory(socketFactory);
        return o;
    }

    private void deliver(MqttAsyncClient c, DurableOutbox.Pending p) throws MqttException, LinkFailure, InterruptedException {
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        MqttMessage m = new MqttMessage(p.payload(), settings.qos(), false, props);
        Completion acked = new Completion();
        c.publish(p.topic(), m, null, acked);
        await(c, acked, ACK_TIMEOUT_MS, "delivering message " + p.messageId(), true);
    }

    private void publishStatus(MqttAsyncClient c, String state, String reason)
            throws MqttException, LinkFailure, InterruptedException {
        Completion acked = new Completion();
        c.publish(settings.statusTopic(), statusMessage(state, reason, Instant.now()), null, acked);
        await(c, acked, ACK_TIMEOUT_MS, "publishing status " + state, true);
    }

    /** The retained status: {"state": "online"|"offline", "client_id": ..., "time": ..., "reason": ...}. */
    private MqttMessage statusMessage(String state, String reason, Instant time) {
        ObjectNode s = json.createObjectNode().put("state", state).put("client_id", settings.clientId());
        if (time != null) s.put("time", time.toString());
        if (reason != null) s.put("reason", reason);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        return new MqttMessage(s.toString().getBytes(StandardCharsets.UTF_8), settings.qos(), true, props);
    }

    /**
     * Waits for an MQTT operation, watching the connection and close(). Two Paho traits shape this: a QoS 1 token of a
     * persistent session stays pending across a lost connection instead of failing, and a timed-out
     * IMqttToken.waitForCompletion(ms) marks the token failed for good; so completion comes through a listener.
     */
    private void await(MqttAsyncClient c, Completion op, long timeoutMs, String what, boolean needsConnection)
            throws MqttException, LinkFailure, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        IMqttToken token;
        while (true) {
            try {
                token = op.done.get(POLL_MS, TimeUnit.MILLISECONDS);
                break;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof MqttException m) throw m;
                throw new LinkFailure(what + " failed: " + e.getCause());
            } catch (TimeoutException notYet) {
                if (isClosing()) throw new LinkFailure(what + " abandoned: link closing");
                if (needsConnection && !c.isConnected()) throw new LinkFailure("connection lost while " + what);
                if (System.nanoTime() > deadline) {
                    discard(c);
                    throw new LinkFailure("no answer from the broker within " + timeoutMs + " ms while " + what);
                }
            }
        }
        int[] codes = token.getReasonCodes();
        if (codes != null) {
            for (int code : codes) {
                // MQTT 5: reason codes from 0x80 up are refusals (0x10 "no matching subscribers" is a success)
                if (code >= 0x80) throw new LinkFailure("broker refused " + what + " with MQTT reason code 0x"
                        + Integer.toHexString(code) + " (check the broker's access rules for this client)");
            }
        }
    }

    /** Completes when Paho reports the operation's outcome. */
    private static final class Completion implements MqttActionListener {
        final CompletableFuture<IMqttToken> done = new CompletableFuture<>();

        @Override
        public void onSuccess(IMqttToken token) {
            done.complete(token);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            done.completeExceptionally(failure);
        }
    }

    private void pause(long ms) throws InterruptedException {
        closing.await(ms, TimeUnit.MILLISECONDS);
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private static void discard(MqttAsyncClient c) {
        if (c == null) return;
        try {
            if (c.isConnected()) c.disconnectForcibly(0, CLOSE_STEP_MS, false);
        } catch (MqttException ignored) {
            // the connection is being thrown away either way
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // as above
        }
    }

    private static String describe(Exception e) {
        if (e instanceof MqttException m) {
            Throwable cause = m.getCause();
            if (cause instanceof SSLException) {
                return "TLS failed: " + cause.getMessage() + " (is the broker's CA certificate in the trust store?)";
            }
            if (m.getReasonCode() == 0 && cause != null) { // Paho's "untranslated" wrapper adds nothing
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
            return "MQTT " + m.getReasonCode() + ": " + m.getMessage() + (cause == null ? "" : " (" + cause.getMessage() + ")");
        }
        return e.getMessage();
    }

    @Override
    public synchronized void close() {
        if (finalState != null) return;
        closing.countDown();
        wake.release();
        try {
            worker.join(CONNECT_TIMEOUT_MS);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(CLOSE_STEP_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient c = client;
        client = null;
        if (c != null && c.isConnected()) {
            try {
                c.publish(settings.statusTopic(), statusMessage("offline", "shutdown", Instant.now())).waitForCompletion(CLOSE_STEP_MS);
                c.disconnect(CLOSE_STEP_MS).waitForCompletion(CLOSE_STEP_MS);
            } catch (MqttException e) {
                LOG.log(Level.WARNING, "room link: clean disconnect failed ({0}); the broker will publish the last will",
                        describe(e));
            }
        }
        discard(c);
        long pending = outbox.size();
        finalState = new LinkState(LinkState.Status.OFFLINE, pending, "link closed");
        outbox.close();
    }

    /** A connection or delivery step that did not succeed, without a Paho exception to carry. */
    private static final class LinkFailure extends Exception {
        LinkFailure(String message) {
            super(message);
        }
    }

    /** Paho's events for one client instance; events of a discarded instance are ignored. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient source;

        Callback(MqttAsyncClient source) {
            this.source = source;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (source != client) return;
            status = LinkState.Status.OFFLINE;
            MqttException e = response.getException();
            lastError = "disconnected: " + (e != null ? describe(e) : response.getReasonString() + " (reason " + response.getReturnCode() + ")");
            wake.release();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            if (source == client) lastError = describe(exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // never throw here: Paho drops the connection when this callback fails
            try {
                ProcedureContext context = ProcedureContext.parse(message.getPayload());
                lastContext.set(context);
                Consumer<ProcedureContext> listener = contextListener;
                if (listener != null) listener.accept(context);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "room link: ignored a procedure-context message on {0}: {1}", topic, e.getMessage());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acknowledgements are awaited on the token itself
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // the worker marks the link online once the status message is acknowledged
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication is configured
        }
    }
}
