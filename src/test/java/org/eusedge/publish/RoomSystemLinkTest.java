package org.eusedge.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The room-system link against a real Mosquitto broker, with a second real MQTT client as the room system. */
class RoomSystemLinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path dir;

    private MosquittoBroker broker;
    private String clientId;

    @BeforeEach
    void startBroker() {
        broker = new MosquittoBroker(dir.resolve("broker"));
        broker.start();
        clientId = "cart-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private MqttSettings settings(String serverUri) {
        return MqttSettings.of(serverUri, clientId, dir.resolve("outbox")).withMaxReconnectDelay(Duration.ofMillis(500));
    }

    @Test
    void aResultArrivesWithItsFieldsIntactAndAMessageId() throws Exception {
        MqttSettings s = settings(broker.uri());
        ObjectNode result = (ObjectNode) JSON.readTree("""
                {"procedure_id":"P-17","probability":0.8125,"decision":"PNET","threshold":0.5,
                 "shap":[0.12,-0.03,0.5],"model":{"id":"nomogram-2026","hash":"ab12"}}""");
        try (RecordingSubscriber room = RecordingSubscriber.connect(broker.uri(), "room-" + clientId, s.resultTopic(), false);
             RoomSystemLink link = RoomSystemLink.start(s)) {
            String id = link.publish(result);
            RecordingSubscriber.Received got = room.next("the published result");

            assertEquals("eus-edge/" + clientId + "/result", got.topic());
            UUID.fromString(id);
            ObjectNode expected = result.deepCopy().put("message_id", id);
            assertEquals(expected, got.json(), "every field as sent, plus the message id");
            assertFalse(result.has("message_id"), "the caller's node is not modified");
            awaitState(link, st -> st.status() == LinkState.Status.ONLINE && st.pending() == 0, "ONLINE, outbox empty");

            String given = link.publish(((ObjectNode) JSON.readTree("{\"probability\":0.25}")).put("message_id", "scoring-42"));
            assertEquals("scoring-42", given);
            assertEquals("scoring-42", room.next("second result").json().get("message_id").asText(), "an existing id is kept");
        }
    }

    @Test
    void resultsMadeWhileTheBrokerIsDownArriveInOrderWhenItReturns() throws Exception {
        MqttSettings s = settings(broker.uri());
        try (RecordingSubscriber room = RecordingSubscriber.connect(broker.uri(), "room-" + clientId, s.resultTopic(), true);
             RoomSystemLink link = RoomSystemLink.start(s)) {
            awaitState(link, st -> st.status() == LinkState.Status.ONLINE, "ONLINE");
            broker.stop();
            awaitState(link, st -> st.status() == LinkState.Status.OFFLINE, "OFFLINE after the broker stopped");

            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 3; i++) ids.add(link.publish(JSON.createObjectNode().put("n", i)));
            LinkState down = link.state();
            assertEquals(3, down.pending(), "all three wait in the outbox");
            assertNotNull(down.lastError(), "the status bar can say why");

            broker.start();
            List<String> arrived = receiveDistinct(room, 3);
            assertEquals(ids, arrived, "all three, in the order published");
            awaitState(link, st -> st.status() == LinkState.Status.ONLINE && st.pending() == 0, "outbox drained");
        }
    }

    @Test
    void aRestartedLinkDeliversWhatItsOutboxStillHeld() throws Exception {
        MqttSettings s = settings(broker.uri());
        try (RecordingSubscriber room = RecordingSubscriber.connect(broker.uri(), "room-" + clientId, s.resultTopic(), true)) {
            broker.stop();
            List<String> ids = new ArrayList<>();
            RoomSystemLink first = RoomSystemLink.start(s); // must not block or throw with the broker down
            ids.add(first.publish(JSON.createObjectNode().put("n", 1)));
            ids.add(first.publish(JSON.createObjectNode().put("n", 2)));
            awaitState(first, st -> st.status() == LinkState.Status.OFFLINE && st.lastError() != null, "OFFLINE with a reason");
            first.close();
            assertEquals(2, first.state().pending(), "closed with two results undelivered");
            assertThrows(IllegalStateException.class, () -> first.publish(JSON.createObjectNode()));

            try (RoomSystemLink second = RoomSystemLink.start(s)) {
                assertEquals(2, second.state().pending(), "the new link found them on disk");
                broker.start();
                assertEquals(ids, receiveDistinct(room, 2));
                awaitState(second, st -> st.pending() == 0, "outbox drained");
            }
        }
    }

    @Test
    void resultsOfAServiceThatCrashedAreDeliveredByTheNextStart() throws Exception {
        MqttSettings s = settings(broker.uri());
        try (RecordingSubscriber room = RecordingSubscriber.connect(broker.uri(), "room-" + clientId, s.resultTopic(), true)) {
            broker.stop();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process crashing = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), CrashingPublisher.class.getName(),
                    broker.uri(), clientId, s.outboxDir().toString(), "2").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> ids = new String(crashing.getInputStream().readAllBytes()).lines().toList();
            assertTrue(crashing.waitFor(WAIT_MS, TimeUnit.MILLISECONDS), "the child JVM ended");
            assertEquals(3, crashing.exitValue(), "it died by halt, without closing the link");
            assertEquals(2, ids.size(), "it accepted two results");

            try (RoomSystemLink restarted = RoomSystemLink.start(s)) {
                assertEquals(2, restarted.state().pending());
                broker.start();
                assertEquals(ids, receiveDistinct(room, 2));
            }
        }
    }

    @Test
    void statusIsOnlineOnConnectAndTheLastWillSaysOfflineWhenTheConnectionDies() throws Exception {
        try (TcpRelay cable = new TcpRelay(broker.port())) {
            MqttSettings s = settings("tcp://127.0.0.1:" + cable.port());
            try (RecordingSubscriber watcher = RecordingSubscriber.connect(broker.uri(), "watch-" + clientId, s.statusTopic(), false)) {
                RoomSystemLink link = RoomSystemLink.start(s);
                assertEquals("online", watcher.next("status online").json().get("state").asText());

                cable.severAll(); // the link's TCP connection dies without an MQTT DISCONNECT
                var will = watcher.next("the last will").json();
                assertEquals("offline", will.get("state").asText());
                assertEquals("connection lost", will.get("reason").asText());
                assertEquals(clientId, will.get("client_id").asText());

                assertEquals("online", watcher.next("status online after reconnecting").json().get("state").asText());
                link.close();
                var bye = watcher.next("status offline on close").json();
                assertEquals("offline", bye.get("state").asText());
                assertEquals("shutdown", bye.get("reason").asText());
            }
            try (RecordingSubscriber late = RecordingSubscriber.connect(broker.uri(), "late-" + clientId, s.statusTopic(), false)) {
                RecordingSubscriber.Received retained = late.next("the retained status");
                assertTrue(retained.retained(), "status is retained for subscribers that come later");
                assertEquals("offline", retained.json().get("state").asText());
            }
        }
    }

    @Test
    void procedureContextReachesTheListenerAndABadMessageIsIgnored() throws Exception {
        String contextTopic = "room/3/procedure";
        MqttSettings s = settings(broker.uri()).withContextTopic(contextTopic);
        BlockingQueue<ProcedureContext> heard = new LinkedBlockingQueue<>();
        try (RoomSystemLink link = RoomSystemLink.start(s);
             RecordingSubscriber room = RecordingSubscriber.connect(broker.uri(), "room-" + clientId, "unused/topic", false)) {
            link.onProcedureContext(heard::add);
            awaitState(link, st -> st.status() == LinkState.Status.ONLINE, "ONLINE (subscribed)");
            room.publish(contextTopic, "{\"procedure_id\":\"P-17\",\"age\":\"old\"}");
            room.publish(contextTopic, "{\"procedure_id\":\"P-18\",\"age\":64,\"sex\":\"F\"}");
            ProcedureContext ctx = heard.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertEquals(new ProcedureContext("P-18", 64, "female"), ctx, "the malformed message was skipped");
            assertEquals(ctx, link.lastProcedureContext().orElseThrow());
            assertEquals(LinkState.Status.ONLINE, link.state().status(), "a bad message does not cost the connection");
        }
    }

    @Test
    void aWrongPasswordIsReportedAndTheResultWaitsForTheRightOne() throws Exception {
        try (MosquittoBroker guarded = new MosquittoBroker(dir.resolve("guarded"), "cart", "s3cret")) {
            guarded.start();
            MqttSettings s = settings(guarded.uri());
            try (RecordingSubscriber room = RecordingSubscriber.connect(guarded.uri(), "room-" + clientId, s.resultTopic(),
                    false, "cart", "s3cret")) {
                String id;
                try (RoomSystemLink wrong = RoomSystemLink.start(s.withCredentials("cart", "guess"))) {
                    id = wrong.publish(JSON.createObjectNode().put("probability", 0.6));
                    // the CONNACK refusal: MQTT 5 reason 0x86 (134, bad user name or password) or, as Mosquitto 2.0
                    // answers, 0x87 (135, not authorized)
                    awaitState(wrong, st -> st.status() == LinkState.Status.OFFLINE && st.lastError() != null
                            && st.lastError().matches("MQTT 13[45]: .*"), "OFFLINE with the broker's refusal");
                    assertEquals(1, wrong.state().pending());
                }
                try (RoomSystemLink right = RoomSystemLink.start(s.withCredentials("cart", "s3cret"))) {
                    assertEquals(id, room.next("the result kept in the outbox").json().get("message_id").asText());
                }
            }
        }
    }

    @Test
    void overTlsTheLinkTrustsOnlyTheConfiguredTrustStore() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir.resolve("tls"));
        broker.stop();
        int tlsPort = broker.addTlsListener(cert.certPem(), cert.keyPem());
        broker.start();
        String tlsUri = "ssl://127.0.0.1:" + tlsPort;
        MqttSettings s = settings(tlsUri);
        try (RecordingSubscriber room = RecordingSubscriber.connect(broker.uri(), "room-" + clientId, s.resultTopic(), false)) {
            try (RoomSystemLink untrusting = RoomSystemLink.start(s)) { // the JVM's default trust does not know this CA
                awaitState(untrusting, st -> st.status() == LinkState.Status.OFFLINE && st.lastError() != null
                        && st.lastError().startsWith("TLS failed") && st.lastError().contains("PKIX"),
                        "OFFLINE: certificate not trusted");
            }
            try (RoomSystemLink link = RoomSystemLink.start(s.withTrustStore(cert.trustStore(), cert.trustStorePassword()))) {
                String id = link.publish(JSON.createObjectNode().put("probability", 0.9));
                assertEquals(id, room.next("a result sent over TLS").json().get("message_id").asText());
            }
        }
    }

    @Test
    void withoutARoomSystemTheLinkIsPlainlyDisabled() {
        try (RoomSystemLink link = RoomSystemLink.disabled()) {
            String id = link.publish(JSON.createObjectNode().put("probability", 0.4));
            UUID.fromString(id);
            assertEquals(new LinkState(LinkState.Status.DISABLED, 0, null), link.state());
        }
    }

    @Test
    void badSettingsAndASharedOutboxAreRefusedWithAReason() {
        Path outbox = dir.resolve("outbox");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MqttSettings.of("http://broker:1883", "c", outbox))
                .getMessage().contains("tcp://"));
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.of(broker.uri(), "cart/1", outbox));
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.of(broker.uri(), "c", outbox).withQos(0));
        assertThrows(IllegalArgumentException.class,
                () -> MqttSettings.of(broker.uri(), "c", outbox).withTrustStore(dir.resolve("ca.p12"), "pw"));
        assertFalse(MqttSettings.of(broker.uri(), "c", outbox).withCredentials("u", "secret").toString().contains("secret"));
        try (RoomSystemLink link = RoomSystemLink.start(settings(broker.uri()))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RoomSystemLink.start(settings(broker.uri())));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> link.publish(JSON.createObjectNode().put("message_id", 7)));
        }
    }

    /** Collects message ids until n distinct ones came; a repeat (at-least-once) must carry an id already seen. */
    private static List<String> receiveDistinct(RecordingSubscriber room, int n) throws InterruptedException {
        Set<String> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2 * WAIT_MS);
        while (seen.size() < n && System.nanoTime() < deadline) {
            room.poll(Duration.ofMillis(200)).ifPresent(m -> seen.add(m.json().get("message_id").asText()));
        }
        return new ArrayList<>(seen);
    }

    private static void awaitState(RoomSystemLink link, Predicate<LinkState> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        LinkState last = link.state();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) throw new AssertionError("link not " + what + " within " + WAIT_MS + " ms; state " + last);
            Thread.sleep(50);
            last = link.state();
        }
    }
}
