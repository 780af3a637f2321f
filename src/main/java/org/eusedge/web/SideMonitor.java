package org.eusedge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.sse.SseSink;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import org.eusedge.appliance.Appliance;
import org.eusedge.audit.AuditEntry;
import org.eusedge.audit.AuditStore;
import org.eusedge.audit.PathologyReport;
import org.eusedge.capture.JpegEncoder;
import org.eusedge.capture.LiveJpeg;
import org.eusedge.publish.ProcedureContext;
import org.eusedge.capture.Frame;
import org.eusedge.capture.SourceStatus;
import org.eusedge.imaging.Box;
import org.eusedge.imaging.InvalidRoiException;
import org.eusedge.imaging.PolygonRoi;
import org.eusedge.imaging.RoiJson;
import org.eusedge.model.BundleJson;
import org.eusedge.model.InvalidInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.Consumer;

/**
 * The side monitor's web server (Helidon SE, routes built in code, blocking handlers on virtual threads): the static
 * UI from resources/web, the live view as an MJPEG stream, the JSON API, status as server-sent events, and
 * /observe/health and /observe/metrics.
 *
 * <pre>
 * GET  /                      the UI
 * GET  /live.mjpeg            multipart/x-mixed-replace JPEG stream of the live video
 * POST /api/freeze            {} -> {frame_id, width, height, candidates: [{frame_id, sharpness, age_ms}]}
 * GET  /api/frames/{id}.jpg   a frozen frame (404 never existed, 410 no longer held)
 * POST /api/roi/measure       {frame_id, roi} -> {feret_diameter_px, feret_diameter_mm, area_px}
 * POST /api/roi/assist        {frame_id, box: {x0, y0, x1, y1}} -> {polygon: [[x, y], ...]} (GrabCut proposal)
 * POST /api/score             {frame_id, roi: {polygon: [[x, y], ...]}, clinical: {...}} -> Prediction JSON + ids
 * GET  /api/model             model id/hash, classes, threshold, the variables the form asks, nomogram axes, UI settings
 * GET  /api/status            source state/fps, model id, execution provider, room-system link, banner
 * GET  /api/status/stream     the same as server-sent events, once a second
 * GET  /api/scorings/{id}/gradcam.png   the Grad-CAM heat map of a recent scoring over its frozen frame
 * GET  /api/context           the room system's latest procedure context {procedure_id, age, sex} (nulls if none)
 * GET  /api/audit/recent      the last 20 audited scorings {scoring_id, time, probability, decision, pathology}
 * GET  /api/audit/export.csv  every audited scoring as CSV (outputs flattened, pathology last)
 * POST /api/audit/{id}/pathology  {"pathology": "PNET"} records the final pathology of a past scoring
 * </pre>
 * Every refusal is a 4xx JSON {"error": "..."} that says what was wrong; the service carries on.
 */
public final class SideMonitor implements AutoCloseable {
    /** Largest request body accepted: an outline of thousands of vertices and the form fit easily. */
    public static final int MAX_BODY_BYTES = 1_000_000;
    /** Frozen frames are looked at closely while outlining: higher quality than the live view. */
    static final int FROZEN_JPEG_QUALITY = 92;
    private static final long STREAM_WAIT_MS = 2000;
    private static final ObjectWriter JSON = BundleJson.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final Appliance appliance;
    private final AuditStore records;
    private final Supplier<Optional<ProcedureContext>> context;
    private final Consumer<String> log;
    private final Counter scorings = Metrics.getOrCreate(Counter.builder("eusedge.scorings").description("scorings returned"));
    private final Counter refusals = Metrics.getOrCreate(Counter.builder("eusedge.refused_requests").description("API requests refused with a 4xx"));
    private final Timer scoringTime = Metrics.getOrCreate(Timer.builder("eusedge.score_request").description("POST /api/score, request to JSON"));
    private volatile boolean stopping;
    private WebServer server;

    private SideMonitor(Appliance appliance, AuditStore records, Supplier<Optional<ProcedureContext>> context,
                        Consumer<String> log) {
        this.appliance = appliance;
        this.records = records;
        this.context = context;
        this.log = log;
    }

    /** Starts serving on {@code port} (0: any free port; see {@link #port()}), without records view or context. */
    public static SideMonitor start(Appliance appliance, int port, Consumer<String> log) {
        return start(appliance, null, Optional::empty, port, log);
    }

    /**
     * Starts serving on {@code port}; {@code records} (may be null) is the audit store behind the records view and the
     * pathology entry, {@code context} the room system's latest procedure context.
     */
    public static SideMonitor start(Appliance appliance, AuditStore records, Supplier<Optional<ProcedureContext>> context,
                                    int port, Consumer<String> log) {
        SideMonitor m = new SideMonitor(appliance, records, Objects.requireNonNull(context, "context"), log);
        m.server = WebServer.builder()
                .port(port)
                // Helidon's own cap sits above ours so that our handler answers with the JSON message
                .maxPayloadSize(4L * MAX_BODY_BYTES)
                .addFeature(StaticContentFeature.builder()
                        .addClasspath(cp -> cp.location("web").welcome("index.html").context("/"))
                        .build())
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .addCheck(m::sourceHealth, HealthCheckType.READINESS, "video-source")
                                .addCheck(m::modelHealth, HealthCheckType.LIVENESS, "model")
                                .build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(m::routes)
                .build()
                .start();
        log.accept("side monitor on http://localhost:" + m.server.port() + "/");
        return m;
    }

    public int port() {
        return server.port();
    }

    private void routes(HttpRouting.Builder r) {
        r.get("/live.mjpeg", this::liveView)
                .post("/api/freeze", api(this::freeze))
                .get("/api/frames/{file}", api(this::frameJpeg))
                .post("/api/roi/measure", api(this::measure))
                .post("/api/roi/assist", api(this::assist))
                .post("/api/score", api(this::score))
                .get("/api/model", api((req, res) -> sendJson(res, ModelDescription.of(appliance))))
                .get("/api/status", api((req, res) -> sendJson(res, statusJson())))
                .get("/api/status/stream", this::statusStream)
                .get("/api/scorings/{id}/gradcam.png", api(this::gradCam))
                .get("/api/context", api((req, res) -> sendJson(res, contextJson())))
                .get("/api/audit/recent", api(this::recentRecords))
                .get("/api/audit/export.csv", api(this::exportCsv))
                .post("/api/audit/{id}/pathology", api(this::pathology));
    }

    // ---- live view ----

    /**
     * MJPEG: each part is the newest frame when the previous part has been written, so a slow screen skips frames
     * and never holds the grabber.
     */
    private void liveView(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "multipart/x-mixed-replace; boundary=frame");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache, no-store");
        long last = -1;
        try (OutputStream out = res.outputStream()) {
            while (!stopping) {
                LiveJpeg live = appliance.awaitLiveJpeg(last, STREAM_WAIT_MS);
                if (live == null) continue;
                out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + live.jpeg().length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(live.jpeg());
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                last = live.sequence();
            }
        } catch (IOException | UncheckedIOException e) {
            // the viewer went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- API ----

    private void freeze(ServerRequest req, ServerResponse res) {
        Appliance.Freeze freeze = appliance.freeze();
        sendJson(res, BundleJson.MAPPER.valueToTree(freeze));
    }

    private void frameJpeg(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        if (!file.matches("\\d{1,18}\\.jpg")) {
            throw new ApiError(404, "no such frame file '" + file + "'; frames are /api/frames/<frame_id>.jpg");
        }
        Frame f = appliance.heldFrame(Long.parseLong(file.substring(0, file.length() - 4)));
        res.header(HeaderNames.CONTENT_TYPE, "image/jpeg");
        // frame ids restart with the service: never let a browser reuse an old picture for a new id
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(JpegEncoder.encodeOnce(f.image(), FROZEN_JPEG_QUALITY));
    }

    private void gradCam(ServerRequest req, ServerResponse res) {
        byte[] png = appliance.gradCamOverlayPng(req.path().pathParameters().get("id"));
        res.header(HeaderNames.CONTENT_TYPE, "image/png");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(png);
    }

    private ObjectNode contextJson() {
        ObjectNode json = BundleJson.MAPPER.createObjectNode();
        Optional<ProcedureContext> c = context.get();
        json.put("procedure_id", c.map(ProcedureContext::procedureId).orElse(null));
        json.put("age", c.map(ProcedureContext::age).orElse(null));
        json.put("sex", c.map(ProcedureContext::sex).orElse(null));
        return json;
    }

    private AuditStore records() {
        if (records == null) throw new ApiError(503, "this appliance runs without an audit store attached to the UI; start it with `eus-edge serve`");
        return records;
    }

    private void recentRecords(ServerRequest req, ServerResponse res) {
        ArrayNode out = BundleJson.MAPPER.createArrayNode();
        for (AuditEntry e : records().recent(20)) {
            ObjectNode row = out.addObject();
            JsonNode o = e.record().outputs();
            row.put("scoring_id", e.record().scoringId());
            row.put("time", e.record().time().toString());
            row.set("probability", o.path("probability"));
            row.set("decision", o.path("decision"));
            row.put("pathology", e.pathology().map(PathologyReport::pathology).orElse(null));
        }
        sendJson(res, out);
    }

    private void exportCsv(ServerRequest req, ServerResponse res) throws IOException {
        Path tmp = Files.createTempFile("eus-edge-audit", ".csv");
        try {
            records().exportCsv(tmp);
            res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"eus-edge-audit.csv\"");
            res.send(Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void pathology(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        JsonNode body = JsonBody.read(req, MAX_BODY_BYTES);
        JsonNode p = JsonBody.field(body, "pathology", "\"pathology\": \"PNET\"");
        if (!p.isTextual() || p.asText().isBlank()) {
            throw ApiError.badRequest("pathology must be a non-blank text such as \"PNET\" or \"PDAC\"");
        }
        AuditStore store = records();
        if (store.find(id).isEmpty()) {
            throw new ApiError(404, "no audited scoring '" + id + "'; take the id from the records view or the CSV export");
        }
        store.setPathology(id, p.asText(), Instant.now());
        sendJson(res, BundleJson.MAPPER.createObjectNode().put("scoring_id", id).put("pathology", p.asText().strip()));
    }

    private void measure(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBody.read(req, MAX_BODY_BYTES);
        long id = JsonBody.frameId(body);
        JsonNode roi = JsonBody.field(body, "roi", "\"roi\": {\"polygon\": [[x, y], ...]}");
        sendJson(res, BundleJson.MAPPER.valueToTree(appliance.measure(id, roi)));
    }

    private void assist(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBody.read(req, MAX_BODY_BYTES);
        long id = JsonBody.frameId(body);
        JsonNode b = JsonBody.field(body, "box", "\"box\": {\"x0\": 100, \"y0\": 80, \"x1\": 220, \"y1\": 190}");
        int[] c = new int[4];
        String[] names = {"x0", "y0", "x1", "y1"};
        for (int i = 0; i < 4; i++) {
            JsonNode v = b.get(names[i]);
            if (v == null || !v.isNumber()) {
                throw ApiError.badRequest("box." + names[i] + " is missing or not a number; send {\"x0\", \"y0\", \"x1\", \"y1\"} in frame pixels");
            }
            c[i] = (int) Math.round(v.doubleValue());
        }
        Box box;
        try {
            box = new Box(Math.min(c[0], c[2]), Math.min(c[1], c[3]), Math.max(c[0], c[2]), Math.max(c[1], c[3]));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("box: " + e.getMessage());
        }
        PolygonRoi outline = appliance.proposeOutline(id, box);
        try {
            sendJson(res, BundleJson.MAPPER.readTree(RoiJson.write(outline)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void score(ServerRequest req, ServerResponse res) {
        Timer.Sample sample = Timer.start();
        JsonNode body = JsonBody.read(req, MAX_BODY_BYTES);
        long id = JsonBody.frameId(body);
        JsonNode roi = JsonBody.field(body, "roi", "\"roi\": {\"polygon\": [[x, y], ...]}");
        JsonNode clinical = JsonBody.field(body, "clinical", "\"clinical\": {\"age\": 61, ...}");
        Appliance.ScoringResult result = appliance.score(id, roi, clinical);
        sendJson(res, result.json());
        sample.stop(scoringTime);
        scorings.increment();
    }

    private ObjectNode statusJson() {
        Appliance.Status s = appliance.status();
        ObjectNode json = BundleJson.MAPPER.createObjectNode();
        ObjectNode source = json.putObject("source");
        SourceStatus src = s.source();
        source.put("state", src.state().name());
        source.put("detail", src.detail());
        source.put("fps", Math.round(src.fps() * 10) / 10.0);
        source.put("frames_delivered", src.framesDelivered());
        source.put("description", s.sourceDescription());
        json.put("model_id", s.modelId());
        json.put("execution_provider", s.executionProvider());
        json.put("room_system", s.roomSystem());
        json.put("banner", s.banner());
        json.set("context", contextJson());
        return json;
    }

    /** Server-sent events: the status once a second until the page goes away. */
    private void statusStream(ServerRequest req, ServerResponse res) {
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            while (!stopping) {
                sink.emit(SseEvent.create(JSON.writeValueAsString(statusJson())));
                Thread.sleep(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | JsonProcessingException e) {
            // the page went away (the sink reports a closed connection as an unchecked exception)
        }
    }

    // ---- errors ----

    /** Runs an API handler and turns each refusal into its status and {"error": message}. */
    private Handler api(Handler h) {
        return (req, res) -> {
            try {
                h.handle(req, res);
            } catch (ApiError e) {
                refuse(res, e.status(), e.getMessage());
            } catch (Appliance.UnknownScoringException e) {
                refuse(res, 404, e.getMessage());
            } catch (Appliance.UnknownFrameException e) {
                refuse(res, e.expired() ? 410 : 404, e.getMessage());
            } catch (InvalidRoiException | InvalidInputException e) {
                refuse(res, 422, e.getMessage());
            } catch (IllegalArgumentException e) {
                refuse(res, 400, e.getMessage());
            } catch (IllegalStateException e) {
                refuse(res, 503, e.getMessage());
            } catch (RuntimeException e) {
                log.accept("request " + req.prologue().method() + " " + req.path().path() + " failed: " + e);
                error(res, 500, "internal error: " + e.getMessage() + " (the appliance carries on; see its log)");
            }
        };
    }

    private void refuse(ServerResponse res, int status, String message) {
        if (status < 500) refusals.increment();
        error(res, status, message);
    }

    private static void error(ServerResponse res, int status, String message) {
        ObjectNode body = BundleJson.MAPPER.createObjectNode().put("error", message);
        res.status(Status.create(status));
        sendJson(res, body);
    }

    private static void sendJson(ServerResponse res, JsonNode json) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        try {
            res.send(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response as JSON", e);
        }
    }

    // ---- health ----

    private HealthCheckResponse sourceHealth() {
        SourceStatus s = appliance.status().source();
        return HealthCheckResponse.builder()
                .status(s.state() == SourceStatus.State.RUNNING)
                .detail("state", s.state().name())
                .detail("fps", s.fps())
                .detail("detail", String.valueOf(s.detail()))
                .build();
    }

    private HealthCheckResponse modelHealth() {
        return HealthCheckResponse.builder()
                .status(true)
                .detail("model_id", appliance.bundle().modelId())
                .detail("execution_provider", appliance.executionProvider())
                .build();
    }

    @Override
    public void close() {
        stopping = true;
        server.stop();
    }
}
