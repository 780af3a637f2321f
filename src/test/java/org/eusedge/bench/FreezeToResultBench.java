package org.eusedge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.appliance.Appliance;
import org.eusedge.appliance.ApplianceConfig;
import org.eusedge.appliance.AuditTrail;
import org.eusedge.appliance.LiveSimulatorSource;
import org.eusedge.appliance.RoomSystemPublisher;
import org.eusedge.audit.AuditStore;
import org.eusedge.imaging.RoiJson;
import org.eusedge.model.Bundle;
import org.eusedge.publish.RoomSystemLink;
import org.eusedge.training.DemoBundle;
import org.eusedge.web.SideMonitor;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Freeze -> result over HTTP on the whole appliance: the demo bundle (or a bundle folder), the simulator's live video,
 * the SQLite audit on disk and, when mosquitto is installed, the room-system link to a local broker. N times: POST
 * /api/freeze, then POST /api/score with the simulator's true lesion outline; the score call is timed from the HTTP
 * request to the parsed JSON, and each stage from the result's timings_ms. With a broker, also the time from the
 * answer until the broker has acknowledged the result (the outbox is empty again).
 * Usage: FreezeToResultBench [runs=50] [bundle folder].
 */
public final class FreezeToResultBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path cache = Path.of(System.getProperty("eusedge.home", ".")).resolve("cache");
        Bundle bundle = args.length > 1 ? Bundle.load(Path.of(args[1])) : DemoBundle.ensure(cache, System.err::println);
        Path tmp = Files.createTempDirectory("freeze-bench");
        Process broker = startMosquitto(tmp.resolve("broker"));
        int brokerPort = broker == null ? -1 : Integer.parseInt(Files.readString(tmp.resolve("broker/port")));

        ObjectNode o = JSON.createObjectNode().put("http_port", 0).put("audit_dir", tmp.resolve("audit").toString());
        o.putArray("providers").add("cpu");
        if (broker != null) {
            o.putObject("mqtt").put("server_uri", "tcp://127.0.0.1:" + brokerPort).put("client_id", "bench")
                    .put("outbox_dir", tmp.resolve("outbox").toString());
        }
        ApplianceConfig config = ApplianceConfig.withOverrides(o, "bench");
        LiveSimulatorSource source = new LiveSimulatorSource(11, 640, 480, 0.25, 30);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        List<Double> ack = new ArrayList<>();
        long t0 = System.nanoTime();
        try (AuditStore store = AuditTrail.openStore(config);
             RoomSystemLink link = RoomSystemPublisher.startLink(config);
             Appliance appliance = Appliance.start(config, bundle, source, new AuditTrail(store), new RoomSystemPublisher(link), s -> { });
             SideMonitor monitor = SideMonitor.start(appliance, store, link::lastProcedureContext, 0, s -> { })) {
            double readyMs = (System.nanoTime() - t0) / 1e6;
            appliance.awaitWarm(java.time.Duration.ofMinutes(2));
            double warmMs = (System.nanoTime() - t0) / 1e6;
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://localhost:" + monitor.port() + "/");
            while (source.status().framesDelivered() < 30) Thread.sleep(20);
            if (broker != null) {
                while (link.state().status() != org.eusedge.publish.LinkState.Status.ONLINE) Thread.sleep(20);
            }
            for (int i = -5; i < runs; i++) {
                JsonNode f = post(http, base.resolve("api/freeze"), "{}");
                long id = f.get("frame_id").asLong();
                ObjectNode body = JSON.createObjectNode().put("frame_id", id);
                body.set("roi", JSON.readTree(RoiJson.write(source.outlineOf(id))));
                ObjectNode clinical = body.putObject("clinical");
                for (String v : bundle.pipeline().clinicalSignature().variables()) {
                    clinical.put(v, v.equals("age") ? 60 : v.equals("diameter") ? 25 : 1);
                }
                String request = body.toString();
                long s0 = System.nanoTime();
                JsonNode r = post(http, base.resolve("api/score"), request);
                long s1 = System.nanoTime();
                if (broker != null) {
                    while (link.state().pending() > 0) Thread.onSpinWait();
                }
                long s2 = System.nanoTime();
                if (i < 0) continue; // warm-up
                samples.computeIfAbsent("HTTP score -> JSON", k -> new ArrayList<>()).add((s1 - s0) / 1e6);
                r.get("timings_ms").fields().forEachRemaining(e -> samples.computeIfAbsent("  " + e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue().asDouble()));
                if (broker != null) ack.add((s2 - s1) / 1e6);
            }
            System.out.println("FreezeToResultBench: " + bundle.modelId() + " on " + appliance.executionProvider() + ", "
                    + runs + " runs after 5 warm-up; simulator 640x480@30; audit " + store.frameRetention()
                    + "; start to serving " + Math.round(readyMs) + " ms, to warm " + Math.round(warmMs) + " ms (warm-up scoring "
                    + Math.round(appliance.warmUpMs()) + " ms)");
        } finally {
            if (broker != null) {
                broker.destroy();
                broker.waitFor();
            }
        }
        System.out.println("machine: " + Machine.describe());
        System.out.println(Machine.header());
        samples.forEach((k, v) -> System.out.println(Machine.row(k, v)));
        if (!ack.isEmpty()) System.out.println(Machine.row("MQTT answer -> broker ack", ack));
        else System.out.println("MQTT: no mosquitto on this machine, publish-to-ack not measured");
        System.out.println("resident memory: " + Machine.residentKb() / 1024 + " MB");
    }

    private static JsonNode post(HttpClient http, URI uri, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** A local mosquitto on a free loopback port (its port written to dir/port), or null when it is not installed. */
    private static Process startMosquitto(Path dir) throws IOException, InterruptedException {
        Path exe = Path.of("/usr/sbin/mosquitto");
        if (!Files.isExecutable(exe)) return null;
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\nuser root\n");
        Files.writeString(dir.resolve("port"), Integer.toString(port));
        Process p = new ProcessBuilder(exe.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroy();
        return null;
    }
}
