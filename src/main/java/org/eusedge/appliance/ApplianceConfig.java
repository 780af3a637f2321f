package org.eusedge.appliance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.capture.SourceConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How the appliance runs. Embedded defaults (resource {@code appliance/defaults.json}) need no file and no hardware:
 * the simulator as source, the demo bundle, audit in ./work/audit, MQTT off. A JSON file overrides any subset of them
 * with the same snake_case keys (nested objects are merged key by key); an unknown key is refused, so a typo cannot
 * silently fall back to a default. A cart in the room, for example:
 * <pre>
 * {"source": "device:/dev/video0?format=MJPEG&amp;size=1920x1080&amp;fps=30",
 *  "bundle": "/opt/eus-edge/bundles/site-2026",
 *  "audit_dir": "/var/lib/eus-edge/audit", "frame_storage": "hash", "pixel_spacing_mm": 0.08,
 *  "mqtt": {"server_uri": "ssl://room-system.local:8883", "client_id": "cart-3",
 *           "result_topic": "or3/eus/results", "status_topic": "or3/eus/status", "context_topic": "or3/procedure",
 *           "username": "cart3", "password": "...", "trust_store": "/etc/eus-edge/room-ca.p12",
 *           "trust_store_password": "...", "outbox_dir": "/var/lib/eus-edge/outbox"}}
 * </pre>
 * `eus-edge serve` flags (--port, --source, --bundle, --mqtt) override the file in turn.
 *
 * @param httpPort       port of the side-monitor UI and API (0: any free port)
 * @param source         the video source, as a one-line spec ({@link SourceConfig#parse}): {@code "simulator?size=640x480&fps=25"},
 *                       {@code "device:/dev/video0?format=MJPEG&size=1920x1080&fps=30"}, {@code "file:clips/case12.mp4"} (looped
 *                       at its own rate) or a stream URL such as {@code "rtsp://processor.local/live"}
 * @param bundle         the model bundle folder, or "demo" for the cached demo bundle
 * @param cacheDir       where the demo bundle and generated backbones are cached
 * @param auditDir       folder of the audit store (SQLite file audit.db inside it)
 * @param mqtt           the room-system link, or null for none
 * @param freezeKey      the extra FREEZE key (KeyboardEvent.key, e.g. "F8" that a USB foot switch types); space always freezes
 * @param pixelSpacingMm millimetres per pixel of the live image, or null when unknown (then no diameter is pre-filled)
 * @param banner         the banner shown on every screen
 * @param frameStorage   what the audit keeps of the frozen frame
 * @param providers      execution providers in order of preference (tensorrt, cuda, cpu)
 */
public record ApplianceConfig(int httpPort, SourceConfig source, String bundle, Path cacheDir, Path auditDir, Mqtt mqtt,
                              String freezeKey, Double pixelSpacingMm, String banner, FrameStorage frameStorage,
                              List<String> providers) {

    public static final String DEMO_BUNDLE = "demo";
    private static final String DEFAULTS_RESOURCE = "/appliance/defaults.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new SimpleModule().addDeserializer(SourceConfig.class, new SourceSpecDeserializer()))
            .build();

    /** The source is written as the same one-line spec the --source flag takes. */
    private static final class SourceSpecDeserializer extends StdDeserializer<SourceConfig> {
        SourceSpecDeserializer() {
            super(SourceConfig.class);
        }

        @Override
        public SourceConfig deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                throw new IllegalArgumentException("source must be a spec string such as \"simulator\", \"file:clip.mp4\","
                        + " \"device:/dev/video0?format=MJPEG\" or \"rtsp://host/live\"");
            }
            return SourceConfig.parse(p.getValueAsString());
        }
    }

    /** What the audit keeps of each frozen frame: the PNG itself, or only its SHA-256. */
    public enum FrameStorage { FULL, HASH }

    /** The room system's MQTT broker; credentials and trust store are optional. */
    public record Mqtt(String serverUri, String clientId, String resultTopic, String statusTopic, String contextTopic,
                       String username, String password, Path trustStore, String trustStorePassword, Path outboxDir) {
        public Mqtt {
            if (serverUri == null || serverUri.isBlank()) {
                throw new IllegalArgumentException("mqtt.server_uri is missing, e.g. \"tcp://broker.local:1883\"; set \"mqtt\": null to run without a room system");
            }
            if (clientId == null || clientId.isBlank()) clientId = "eus-edge";
            if (resultTopic == null || resultTopic.isBlank()) resultTopic = "eus-edge/results";
            if (statusTopic == null || statusTopic.isBlank()) statusTopic = "eus-edge/status";
            if (outboxDir == null) outboxDir = Path.of("work", "outbox");
        }

        @Override
        public String toString() {
            return "Mqtt[" + serverUri + ", client " + clientId + ", results on " + resultTopic
                    + (username == null ? "" : ", user " + username) + "]";
        }
    }

    public ApplianceConfig {
        if (httpPort < 0 || httpPort > 65535) throw new IllegalArgumentException("http_port " + httpPort + " is not a TCP port (0-65535)");
        if (source == null) throw new IllegalArgumentException("source is missing");
        if (bundle == null || bundle.isBlank()) throw new IllegalArgumentException("bundle is missing: a bundle folder or \"demo\"");
        if (cacheDir == null || auditDir == null) throw new IllegalArgumentException("cache_dir and audit_dir are required");
        if (freezeKey == null || freezeKey.isBlank()) throw new IllegalArgumentException("freeze_key is blank: name a key, e.g. \"F8\"");
        if (pixelSpacingMm != null && !(pixelSpacingMm > 0 && Double.isFinite(pixelSpacingMm))) {
            throw new IllegalArgumentException("pixel_spacing_mm " + pixelSpacingMm + " must be a positive number of mm, or null when unknown");
        }
        if (banner == null) banner = "";
        if (frameStorage == null) frameStorage = FrameStorage.FULL;
        if (providers == null || providers.isEmpty()) providers = List.of("cpu");
        providers = List.copyOf(providers);
    }

    /** The embedded defaults alone. */
    public static ApplianceConfig defaults() {
        return fromJson(defaultsJson());
    }

    /** The embedded defaults overridden by {@code file}; null or a missing file path refused with a clear message. */
    public static ApplianceConfig load(Path file) {
        return load(file, null);
    }

    /**
     * The embedded defaults, overridden by {@code file} (may be null), overridden in turn by {@code flags} (command-line
     * settings in the same snake_case form; may be null).
     */
    public static ApplianceConfig load(Path file, ObjectNode flags) {
        ObjectNode overrides = file == null ? JSON.createObjectNode() : readFile(file);
        if (flags != null) merge(overrides, flags);
        return withOverrides(overrides, file == null ? "(defaults and flags)" : file.toString());
    }

    private static ObjectNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("appliance config " + file + " does not exist; omit it to run on the embedded defaults");
        }
        JsonNode overrides;
        try {
            overrides = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("appliance config " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!(overrides instanceof ObjectNode o)) {
            throw new IllegalArgumentException("appliance config " + file + " must be a JSON object of settings");
        }
        return o;
    }

    /** The embedded defaults overridden by a JSON object (as a file would hold it). */
    public static ApplianceConfig withOverrides(JsonNode overrides, String origin) {
        if (overrides == null || !overrides.isObject()) {
            throw new IllegalArgumentException("appliance config " + origin + " must be a JSON object of settings");
        }
        ObjectNode merged = defaultsJson();
        merge(merged, (ObjectNode) overrides);
        try {
            return fromJson(merged);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("appliance config " + origin + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode defaultsJson() {
        try (InputStream in = ApplianceConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + DEFAULTS_RESOURCE + " is missing from the build");
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    private static ApplianceConfig fromJson(ObjectNode json) {
        try {
            return JSON.treeToValue(json, ApplianceConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String msg = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException(msg, e);
        }
    }

    /** Objects merge key by key; anything else in the override replaces the default. */
    private static void merge(ObjectNode base, ObjectNode override) {
        Iterator<Map.Entry<String, JsonNode>> it = override.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = base.get(e.getKey());
            if (current instanceof ObjectNode co && e.getValue() instanceof ObjectNode oo) {
                merge(co, oo);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** The SQLite audit database inside the audit folder. */
    public Path auditDatabase() {
        return auditDir.resolve("audit.db");
    }

    public boolean usesDemoBundle() {
        return DEMO_BUNDLE.equals(bundle);
    }
}
