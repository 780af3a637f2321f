package org.eusedge.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.appliance.ApplianceConfig;
import org.eusedge.appliance.AuditTrail;
import org.eusedge.appliance.RoomSystemPublisher;
import org.eusedge.audit.AuditEntry;
import org.eusedge.audit.AuditStore;
import org.eusedge.publish.RoomSystemLink;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import java.io.StringReader;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.eusedge.appliance.Appliance;
import org.eusedge.appliance.LiveSimulatorSource;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.PolygonRoi;
import org.eusedge.imaging.RoiJson;
import org.eusedge.model.Nomogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The side monitor's HTTP API driven over a real socket with java.net.http, on the whole running appliance. */
class SideMonitorApiTest {
    @TempDir static Path tmp;
    static RunningAppliance app;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        app = RunningAppliance.start(tmp);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode freeze() throws Exception {
        HttpResponse<String> r = post("api/freeze", "{}");
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    /** The body of a scoring on the frame's true lesion outline with plausible clinical values. */
    static ObjectNode scoreRequest(long frameId) throws Exception {
        ObjectNode body = json.createObjectNode();
        body.put("frame_id", frameId);
        PolygonRoi outline = app.source.outlineOf(frameId);
        assertNotNull(outline, "the simulator remembers frame " + frameId);
        body.set("roi", json.readTree(RoiJson.write(outline)));
        ObjectNode clinical = body.putObject("clinical");
        for (String v : app.bundle.pipeline().clinicalSignature().variables()) {
            switch (v) {
                case "age" -> clinical.put(v, 58);
                case "diameter" -> clinical.put(v, 24.5);
                default -> clinical.put(v, 1);
            }
        }
        return body;
    }

    static void assertRefused(HttpResponse<String> r, int status, String messagePart) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.headers().toString());
        String error = json.readTree(r.body()).path("error").asText();
        assertTrue(error.contains(messagePart), "expected '" + messagePart + "' in: " + error);
    }

    @Test
    void freezeFetchAndScoreThroughTheApi() throws Exception {
        JsonNode freeze = freeze();
        long id = freeze.get("frame_id").asLong();
        assertEquals(RunningAppliance.WIDTH, freeze.get("width").asInt());
        assertEquals(RunningAppliance.HEIGHT, freeze.get("height").asInt());
        // the frozen frame is the sharpest candidate, and its sharpness is the variance of the Laplacian of that frame
        double best = -1;
        long bestId = -1;
        for (JsonNode c : freeze.get("candidates")) {
            if (c.get("sharpness").asDouble() > best) {
                best = c.get("sharpness").asDouble();
                bestId = c.get("frame_id").asLong();
            }
            assertTrue(c.get("age_ms").asDouble() >= 0 && c.get("age_ms").asDouble() <= 500, c.toString());
        }
        assertEquals(bestId, id);
        GreyImage held = app.appliance.heldFrame(id).image();
        assertEquals(varianceOfLaplacian(held), best, 1e-6 * best);

        HttpResponse<byte[]> jpg = http.send(HttpRequest.newBuilder(app.uri("api/frames/" + id + ".jpg")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, jpg.statusCode());
        assertEquals("image/jpeg", jpg.headers().firstValue("content-type").orElseThrow());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpg.body()));
        assertEquals(RunningAppliance.WIDTH, decoded.getWidth());
        assertEquals(RunningAppliance.HEIGHT, decoded.getHeight());
        // JPEG is lossy: the mean grey level survives within a grey level
        assertEquals(mean(held), mean(GreyImage.of(decoded)), 1.0);

        ObjectNode request = scoreRequest(id);
        HttpResponse<String> r = post("api/score", request.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = json.readTree(r.body());
        String scoringId = result.get("scoring_id").asText();
        assertEquals(id, result.get("frame_id").asLong());
        assertEquals(app.bundle.modelId(), result.get("model_id").asText());
        assertEquals("cpu", result.get("execution_provider").asText());
        double p = result.get("probability").asDouble();
        assertTrue(p > 0 && p < 1, r.body());
        // the probability is the nomogram's reading of the total points, and the points add up
        Nomogram nomogram = app.bundle.pipeline().nomogram();
        double total = 0;
        for (JsonNode v : result.get("nomogram_points")) total += v.asDouble();
        assertEquals(result.get("total_points").asDouble(), total, 1e-9);
        assertEquals(nomogram.probabilityOfTotal(total), p, 1e-9);
        String expectedDecision = p >= result.get("threshold").asDouble()
                ? app.bundle.pipeline().classes().positive() : app.bundle.pipeline().classes().negative();
        assertEquals(expectedDecision, result.get("decision").asText());

        // audited before it was returned: the SQLite record holds the frame losslessly and the very same outputs
        AuditEntry entry = app.audit.find(scoringId).orElseThrow(() -> new AssertionError("scoring " + scoringId + " is not in the audit store"));
        byte[] png = entry.record().frame().png();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)), entry.record().frame().sha256());
        assertArrayEquals(held.pixels(), GreyImage.of(ImageIO.read(new ByteArrayInputStream(png))).pixels());
        assertEquals(p, entry.record().outputs().get("probability").asDouble(), 0);
        assertEquals(result.get("explanation"), entry.record().outputs().get("explanation"), "the audit keeps the explanation shown");
        assertEquals(request.get("roi"), entry.record().roi());
        assertEquals(scoringId, result.get("message_id").asText(), "the room system's message id is the scoring id");

        // the explanation: the timings include its stages, and SHAP is additive (efficiency: base + sum = output)
        JsonNode timings = result.get("timings_ms");
        assertTrue(timings.has("shap") && timings.has("gradcam"), timings.toString());
        JsonNode ex = result.get("explanation");
        for (String part : List.of("deep_signature", "nomogram")) {
            JsonNode shap = ex.get(part);
            double sum = shap.get("base").asDouble() + shap.get("others").asDouble();
            for (JsonNode c : shap.get("top")) sum += c.get("shap").asDouble();
            assertEquals(shap.get("output").asDouble(), sum, 1e-6, part + ": " + shap);
        }
        // the nomogram's SHAP explains the very probability shown, over its two signatures
        assertEquals(p, ex.get("nomogram").get("output").asDouble(), 1e-9);
        assertEquals(result.get("dl_signature").asDouble(), ex.get("deep_signature").get("output").asDouble(), 1e-9);
        JsonNode cam = ex.get("grad_cam");
        assertEquals(cam.get("rows").asInt() * cam.get("cols").asInt(), cam.get("grid").size());

        // the heat map over the frozen frame: frame-sized, grey where the crop box does not reach, coloured inside it
        HttpResponse<byte[]> overlay = http.send(HttpRequest.newBuilder(app.uri("api/scorings/" + scoringId + "/gradcam.png")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, overlay.statusCode());
        assertEquals("image/png", overlay.headers().firstValue("content-type").orElseThrow());
        BufferedImage heat = ImageIO.read(new ByteArrayInputStream(overlay.body()));
        assertEquals(RunningAppliance.WIDTH, heat.getWidth());
        assertEquals(RunningAppliance.HEIGHT, heat.getHeight());
        JsonNode box = cam.get("box");
        int px = (cam.get("peak_x").asInt()), py = cam.get("peak_y").asInt();
        int rgb = heat.getRGB(px, py);
        assertTrue(((rgb >> 16) & 0xff) != (rgb & 0xff) || ((rgb >> 8) & 0xff) != (rgb & 0xff), "the peak is coloured");
        assertTrue(box.get("x0").asInt() > 0 || box.get("y0").asInt() > 0, box.toString());
        int corner = heat.getRGB(0, 0);
        assertEquals(held.at(0, 0), corner & 0xff, "outside the crop box the frame is untouched");
        assertEquals(corner & 0xff, (corner >> 16) & 0xff);
        assertRefused(get("api/scorings/" + UUID.randomUUID() + "/gradcam.png"), 404, "no heat map for scoring");
    }

    @Test
    void pathologyIsEnteredForAPastScoringAndTheCsvExportCarriesIt() throws Exception {
        long id = freeze().get("frame_id").asLong();
        HttpResponse<String> r = post("api/score", scoreRequest(id).toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = json.readTree(r.body());
        String scoringId = result.get("scoring_id").asText();

        HttpResponse<String> set = post("api/audit/" + scoringId + "/pathology", "{\"pathology\": \"PNET\"}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("PNET", app.audit.find(scoringId).orElseThrow().pathology().orElseThrow().pathology());
        assertRefused(post("api/audit/" + UUID.randomUUID() + "/pathology", "{\"pathology\": \"PNET\"}"), 404, "no audited scoring");
        assertRefused(post("api/audit/" + scoringId + "/pathology", "{\"pathology\": \"  \"}"), 400, "non-blank");

        JsonNode recent = json.readTree(get("api/audit/recent").body());
        assertEquals(scoringId, recent.get(0).get("scoring_id").asText(), "newest first");
        assertEquals("PNET", recent.get(0).get("pathology").asText());

        HttpResponse<String> csv = get("api/audit/export.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv.body()))) {
            List<CSVRecord> rows = parser.getRecords();
            assertEquals(app.audit.recent(1000).size(), rows.size(), "one row per audited scoring");
            CSVRecord row = rows.stream().filter(x -> x.get("scoring_id").equals(scoringId)).findFirst().orElseThrow();
            assertEquals("PNET", row.get("pathology"));
            assertEquals(result.get("probability").asDouble(), Double.parseDouble(row.get("probability")), 1e-12);
            assertEquals(result.get("decision").asText(), row.get("decision"));
        }
    }

    @Test
    void eachBadInputGetsItsRefusalAndTheServiceCarriesOn() throws Exception {
        long id = freeze().get("frame_id").asLong();
        ObjectNode good = scoreRequest(id);

        ObjectNode outside = good.deepCopy();
        outside.set("roi", json.readTree("{\"polygon\": [[10, 10], [900, 10], [10, 60]]}"));
        assertRefused(post("api/score", outside.toString()), 422, "outside the 480x360 frame");

        ObjectNode negativeAge = good.deepCopy();
        ((ObjectNode) negativeAge.get("clinical")).put("age", -3);
        assertRefused(post("api/score", negativeAge.toString()), 422, "'age' = -3.0 is impossible");

        ObjectNode noClinical = good.deepCopy();
        noClinical.remove("clinical");
        assertRefused(post("api/score", noClinical.toString()), 400, "missing field \"clinical\"");

        ObjectNode missingVariable = good.deepCopy();
        String first = app.bundle.pipeline().clinicalSignature().variables().get(0);
        ((ObjectNode) missingVariable.get("clinical")).remove(first);
        assertRefused(post("api/score", missingVariable.toString()), 422, "missing clinical field(s) [" + first + "]");

        ObjectNode neverCaptured = good.deepCopy();
        neverCaptured.put("frame_id", 999_999_999L);
        assertRefused(post("api/score", neverCaptured.toString()), 404, "there is no frame 999999999");

        // frame 1 was captured long ago and never frozen: it exists no more
        ObjectNode gone = good.deepCopy();
        gone.put("frame_id", 1);
        assertRefused(post("api/score", gone.toString()), 410, "frame 1 is no longer held");
        assertRefused(get("api/frames/1.jpg"), 410, "no longer held");
        assertRefused(get("api/frames/999999999.jpg"), 404, "there is no frame");

        char[] big = new char[SideMonitor.MAX_BODY_BYTES + 10];
        Arrays.fill(big, ' ');
        assertRefused(post("api/score", "{\"frame_id\": " + id + "," + new String(big) + "}"), 413, "too large");

        assertRefused(post("api/score", "{\"frame_id\": " + id + ", \"roi\": "), 400, "not valid JSON");
        assertRefused(post("api/score", "{\"frame_id\": \"abc\"}"), 400, "\"frame_id\" is \"abc\"");

        // the next good request still works
        HttpResponse<String> ok = post("api/score", good.toString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(json.readTree(ok.body()).get("probability").isNumber());
        assertEquals(200, post("api/freeze", "{}").statusCode());
    }

    @Test
    void aScoringTheAuditCannotRecordIsNeitherReturnedNorSent(@TempDir Path dir) throws Exception {
        // the room system is a broker nobody runs (port 1 refuses): every result waits in the link's on-disk outbox,
        // so the outbox shows exactly what was handed over
        ApplianceConfig config = RunningAppliance.config(dir, "tcp://127.0.0.1:1");
        LiveSimulatorSource source = new LiveSimulatorSource(5,
                RunningAppliance.WIDTH, RunningAppliance.HEIGHT, RunningAppliance.SPACING_MM, RunningAppliance.FPS);
        AuditStore store = AuditTrail.openStore(config);
        try (RoomSystemLink link = RoomSystemPublisher.startLink(config);
             var appliance = Appliance.start(config, app.bundle, source, new AuditTrail(store), new RoomSystemPublisher(link), s -> { })) {
            while (source.status().framesDelivered() < 3) Thread.sleep(20);
            long id = appliance.freeze().frameId();
            ObjectNode clinical = json.createObjectNode();
            for (String v : app.bundle.pipeline().clinicalSignature().variables()) clinical.put(v, v.equals("age") ? 60 : 1);
            JsonNode roi = json.readTree(RoiJson.write(source.outlineOf(id)));
            appliance.score(id, roi, clinical); // audited, so queued
            assertEquals(1, link.state().pending());
            store.close(); // the audit store goes away (as a failing disk would make it refuse)
            var e = assertThrows(IllegalStateException.class, () -> appliance.score(id, roi, clinical));
            assertTrue(e.getMessage().contains("could not be recorded in the audit"), e.getMessage());
            assertEquals(1, link.state().pending(), "nothing may reach the room system unaudited");
        }
    }

    @Test
    void measuringAnOutlineGivesItsFeretDiameterInPixelsAndMillimetres() throws Exception {
        long id = freeze().get("frame_id").asLong();
        // a 100 x 60 px rectangle: diagonal sqrt(100^2 + 60^2), area 6000; at the configured spacing in mm
        String body = "{\"frame_id\": " + id + ", \"roi\": {\"polygon\": [[100, 100], [200, 100], [200, 160], [100, 160]]}}";
        HttpResponse<String> r = post("api/roi/measure", body);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode m = json.readTree(r.body());
        assertEquals(Math.sqrt(100 * 100 + 60 * 60), m.get("feret_diameter_px").asDouble(), 1e-9);
        assertEquals(Math.sqrt(100 * 100 + 60 * 60) * RunningAppliance.SPACING_MM, m.get("feret_diameter_mm").asDouble(), 1e-9);
        assertEquals(6000, m.get("area_px").asDouble(), 1e-9);
        assertRefused(post("api/roi/measure", "{\"frame_id\": " + id + ", \"roi\": {\"polygon\": [[0, 0], [50, 50], [50, 0], [0, 50]]}}"),
                422, "SELF_INTERSECTING");
    }

    @Test
    void theBoxAssistProposesAnOutlineOfTheLesion() throws Exception {
        long id = freeze().get("frame_id").asLong();
        PolygonRoi truth = app.source.outlineOf(id);
        var b = truth.bounds();
        int m = Math.max(6, b.width() / 8);
        HttpResponse<String> r = post("api/roi/assist", "{\"frame_id\": " + id + ", \"box\": {\"x0\": " + (b.x0() - m)
                + ", \"y0\": " + (b.y0() - m) + ", \"x1\": " + (b.x1() + m) + ", \"y1\": " + (b.y1() + m) + "}}");
        assertEquals(200, r.statusCode(), r.body());
        PolygonRoi proposed = (PolygonRoi) RoiJson.parse(r.body());
        // the live lesion of seed 11 has a clear margin (see OutlineAssistTest)
        assertTrue(org.eusedge.appliance.OutlineAssistTest.iou(proposed, truth, RunningAppliance.WIDTH, RunningAppliance.HEIGHT) > 0.75);
        assertRefused(post("api/roi/assist", "{\"frame_id\": " + id + ", \"box\": {\"x0\": 5}}"), 400, "box.y0 is missing");
        assertRefused(post("api/roi/assist", "{\"frame_id\": " + id + ", \"box\": {\"x0\": 5, \"y0\": 5, \"x1\": 9, \"y1\": 9}}"),
                422, "less than 8x8");
    }

    @Test
    void theModelDescriptionAsksForTheBundlesVariablesAndItsNomogramAxesReadBack() throws Exception {
        HttpResponse<String> r = get("api/model");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode model = json.readTree(r.body());
        List<String> names = new ArrayList<>();
        model.get("variables").forEach(v -> names.add(v.get("name").asText()));
        assertEquals(app.bundle.pipeline().clinicalSignature().variables(), names);
        assertEquals(app.bundle.modelId(), model.get("model_id").asText());
        assertEquals("F8", model.get("ui").get("freeze_key").asText());
        Nomogram n = app.bundle.pipeline().nomogram();
        ArrayNode ticks = (ArrayNode) model.get("nomogram").get("probability_ticks");
        assertFalse(ticks.isEmpty());
        for (JsonNode t : ticks) {
            assertEquals(t.get("probability").asDouble(), n.probabilityOfTotal(t.get("total_points").asDouble()), 1e-9);
        }
        // rms scale: predictor i spans pointsPerLp * |beta_i| * (max_i - min_i) points, the widest exactly 100
        double widest = 0, sum = 0;
        for (int i = 0; i < n.beta().length; i++) {
            double span = n.pointsPerLpUnit() * Math.abs(n.beta()[i]) * (n.axisMax()[i] - n.axisMin()[i]);
            widest = Math.max(widest, span);
            sum += span;
        }
        assertEquals(100, widest, 1e-9);
        assertEquals(sum, model.get("nomogram").get("max_total_points").asDouble(), 1e-9);
        for (JsonNode axis : model.get("nomogram").get("predictors")) {
            for (JsonNode tick : axis.get("ticks")) assertTrue(tick.get("points").asDouble() >= -1e-9, tick.toString());
        }
    }

    @Test
    void statusHealthAndMetricsAreServed() throws Exception {
        JsonNode status = json.readTree(get("api/status").body());
        assertEquals("RUNNING", status.get("source").get("state").asText());
        assertEquals(app.bundle.modelId(), status.get("model_id").asText());
        assertEquals("cpu", status.get("execution_provider").asText());
        assertEquals("off", status.get("room_system").asText(), "no room system configured");
        assertEquals("RESEARCH USE ONLY (test)", status.get("banner").asText());

        HttpResponse<String> health = get("observe/health");
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", json.readTree(health.body()).get("status").asText(), health.body());

        post("api/freeze", "{}");
        HttpResponse<String> metrics = get("observe/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("eusedge_refused_requests"), metrics.body().substring(0, Math.min(2000, metrics.body().length())));

        // server-sent events: the first event is the status as JSON
        HttpResponse<InputStream> sse = http.send(HttpRequest.newBuilder(app.uri("api/status/stream")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = sse.body()) {
            assertTrue(sse.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            String line = readLine(in);
            while (!line.startsWith("data:")) line = readLine(in);
            assertEquals(app.bundle.modelId(), json.readTree(line.substring(5)).get("model_id").asText());
        }
    }

    @Test
    void theLiveViewIsAStreamOfChangingJpegFrames() throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(app.uri("live.mjpeg")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("multipart/x-mixed-replace; boundary=frame"));
        List<byte[]> parts = new ArrayList<>();
        try (InputStream in = r.body()) {
            DataInputStream data = new DataInputStream(in);
            for (int i = 0; i < 3; i++) {
                assertEquals("--frame", readLine(data));
                assertEquals("Content-Type: image/jpeg", readLine(data));
                String len = readLine(data);
                assertTrue(len.startsWith("Content-Length: "), len);
                assertEquals("", readLine(data));
                byte[] jpeg = new byte[Integer.parseInt(len.substring(16))];
                data.readFully(jpeg);
                assertEquals("", readLine(data));
                parts.add(jpeg);
            }
        }
        for (byte[] jpeg : parts) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertEquals(RunningAppliance.WIDTH, img.getWidth());
            assertEquals(RunningAppliance.HEIGHT, img.getHeight());
        }
        // the speckle decorrelates from frame to frame: consecutive parts are different pictures
        assertFalse(Arrays.equals(parts.get(1), parts.get(2)));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') b.write(c);
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** The 4-neighbour Laplacian [0 1 0; 1 -4 1; 0 1 0] at every interior pixel (the freeze's definition), population variance. */
    static double varianceOfLaplacian(GreyImage g) {
        double sum = 0, sum2 = 0, n = 0;
        for (int y = 1; y < g.height() - 1; y++) {
            for (int x = 1; x < g.width() - 1; x++) {
                double l = g.at(x - 1, y) + g.at(x + 1, y) + g.at(x, y - 1) + g.at(x, y + 1) - 4.0 * g.at(x, y);
                sum += l;
                sum2 += l * l;
                n++;
            }
        }
        return sum2 / n - (sum / n) * (sum / n);
    }

    private static double mean(GreyImage g) {
        double s = 0;
        for (byte b : g.pixels()) s += b & 0xff;
        return s / g.pixels().length;
    }
}
