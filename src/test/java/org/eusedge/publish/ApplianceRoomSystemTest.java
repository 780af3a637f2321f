package org.eusedge.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.imaging.RoiJson;
import org.eusedge.web.RunningAppliance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole appliance against a real Mosquitto broker: scorings made over the HTTP API reach a room-system subscriber,
 * and those made while the broker is down arrive, in order, once it is back.
 */
class ApplianceRoomSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String RESULTS = "eus-edge/results";

    @TempDir static Path dir;
    static MosquittoBroker broker;
    static RunningAppliance app;

    @BeforeAll
    static void start() throws Exception {
        broker = new MosquittoBroker(dir.resolve("broker"));
        broker.start();
        app = RunningAppliance.start(dir.resolve("cart"), broker.uri());
        awaitLink(LinkState.Status.ONLINE);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (broker != null) broker.close();
    }

    static void awaitLink(LinkState.Status status) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (app.link.state().status() != status) {
            if (System.nanoTime() > deadline) throw new AssertionError("link not " + status + ": " + app.link.state());
            Thread.sleep(50);
        }
    }

    static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** FREEZE, then SCORE the frozen frame on its true lesion outline; the JSON the UI got. */
    static JsonNode scoreOverHttp() throws Exception {
        long id = post("api/freeze", "{}").get("frame_id").asLong();
        ObjectNode body = JSON.createObjectNode().put("frame_id", id);
        body.set("roi", JSON.readTree(RoiJson.write(app.source.outlineOf(id))));
        ObjectNode clinical = body.putObject("clinical");
        for (String v : app.bundle.pipeline().clinicalSignature().variables()) {
            clinical.put(v, switch (v) {
                case "age" -> 63;
                case "diameter" -> 21.0;
                default -> 0;
            });
        }
        return post("api/score", body.toString());
    }

    @Test
    void resultsReachTheRoomSystemAndThoseMadeWhileTheBrokerIsDownArriveInOrderWhenItReturns() throws Exception {
        try (RecordingSubscriber room = RecordingSubscriber.connect(broker.uri(), "room-system", RESULTS, true)) {
            JsonNode shown = scoreOverHttp();
            JsonNode sent = room.next("the scoring's message").json();
            assertEquals(shown.get("scoring_id").asText(), sent.get("message_id").asText());
            assertEquals(shown.get("probability").asDouble(), sent.get("probability").asDouble(), 0);
            assertEquals(shown.get("model_hash").asText(), sent.get("model_hash").asText());
            assertEquals(shown.get("explanation"), sent.get("explanation"), "the room system gets the explanation shown");
            assertFalse(sent.has("clinical_inputs"), "no patient facts go to the room system");
            assertTrue(shown.has("clinical_inputs"), "the operator sees the inputs scored");
            assertTrue(sent.get("timings_ms").has("gradcam"), sent.toString());

            broker.stop();
            awaitLink(LinkState.Status.OFFLINE);
            List<String> madeOffline = new ArrayList<>();
            for (int i = 0; i < 3; i++) madeOffline.add(scoreOverHttp().get("scoring_id").asText());
            assertEquals(3, app.link.state().pending(), "kept in the outbox while the broker is away");
            broker.start();

            // at least once: a redelivery may repeat an id, never invent one, and first arrivals keep the order
            Set<String> firstArrivals = new LinkedHashSet<>();
            while (firstArrivals.size() < 3) {
                Optional<RecordingSubscriber.Received> r = room.poll(Duration.ofSeconds(30));
                assertTrue(r.isPresent(), "only " + firstArrivals + " of " + madeOffline + " arrived");
                String id = r.get().json().get("message_id").asText();
                assertTrue(madeOffline.contains(id), "unexpected message " + id);
                firstArrivals.add(id);
            }
            assertEquals(madeOffline, List.copyOf(firstArrivals));
            awaitLink(LinkState.Status.ONLINE);
        }
    }

    @Test
    void theProcedureContextFromTheRoomSystemReachesTheUi() throws Exception {
        try (RecordingSubscriber roomSystem = RecordingSubscriber.connect(broker.uri(), "room-announcer", "unused/topic", false)) {
            roomSystem.publish(RunningAppliance.CONTEXT_TOPIC, "{\"procedure_id\": \"EUS-2026-0412\", \"age\": 71, \"sex\": \"F\"}");
            long deadline = System.nanoTime() + 10_000_000_000L;
            JsonNode context;
            do {
                Thread.sleep(50);
                context = JSON.readTree(HTTP.send(HttpRequest.newBuilder(app.uri("api/context")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } while (!context.path("procedure_id").asText().equals("EUS-2026-0412") && System.nanoTime() < deadline);
            assertEquals("EUS-2026-0412", context.get("procedure_id").asText());
            assertEquals(71, context.get("age").asInt());
            assertEquals("female", context.get("sex").asText());
        }
    }
}
