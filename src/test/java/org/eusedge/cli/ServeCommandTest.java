package org.eusedge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.eusedge.appliance.ApplianceConfig;
import org.eusedge.capture.SourceConfig;
import org.eusedge.testing.SharedData;
import org.eusedge.testing.SmallBundle;
import org.eusedge.web.ApplianceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `eus-edge serve` on a real clip: the flags become the settings, and the service it starts plays the clip. */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIP = SharedData.path("data/ultrasound-video/Reg_Image_181602_trimmed_crop.mp4");

    @TempDir Path tmp;

    @Test
    void servesAFileSourceOnAFreePortAndReportsItRunningAtTheClipsRate() throws Exception {
        Path config = Files.writeString(tmp.resolve("cart.json"), JSON.createObjectNode()
                .put("audit_dir", tmp.resolve("audit").toString())
                .put("frame_storage", "hash")
                .set("providers", JSON.createArrayNode().add("cpu")).toString());
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--config", config.toString(), "--port", "0", "--source", "file:" + CLIP,
                "--bundle", SmallBundle.bundle().dir().toString());
        ApplianceConfig settings = serve.config();
        assertEquals(SourceConfig.file(CLIP), settings.source());
        assertEquals(ApplianceConfig.FrameStorage.HASH, settings.frameStorage(), "the file's settings stay");
        assertNull(settings.mqtt(), "MQTT stays off until configured");

        double clipFps;
        int clipWidth, clipHeight;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(CLIP.toFile())) {
            g.start();
            clipFps = g.getFrameRate();
            clipWidth = g.getImageWidth();
            clipHeight = g.getImageHeight();
            g.stop();
        }

        try (ApplianceService service = ApplianceService.start(settings, s -> { })) {
            assertTrue(service.port() > 0);
            assertTrue(Files.isRegularFile(tmp.resolve("audit").resolve("audit.db")), "the audit store is open in the audit folder");
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://localhost:" + service.port() + "/");
            JsonNode status;
            long deadline = System.nanoTime() + 30_000_000_000L;
            do {
                Thread.sleep(250);
                status = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("api/status")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } while ((!status.at("/source/state").asText().equals("RUNNING") || status.at("/source/frames_delivered").asLong() < 2 * clipFps)
                    && System.nanoTime() < deadline);
            assertEquals("RUNNING", status.at("/source/state").asText(), status.toString());
            double fps = status.at("/source/fps").asDouble();
            assertTrue(fps > 0.6 * clipFps && fps < 1.4 * clipFps, "source fps " + fps + " vs the clip's " + clipFps);
            assertEquals("off", status.get("room_system").asText());

            HttpResponse<String> freeze = http.send(HttpRequest.newBuilder(base.resolve("api/freeze"))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, freeze.statusCode(), freeze.body());
            JsonNode frozen = JSON.readTree(freeze.body());
            assertEquals(clipWidth, frozen.get("width").asInt());
            assertEquals(clipHeight, frozen.get("height").asInt());
            assertTrue(service.appliance().awaitWarm(Duration.ofMinutes(2)));
            assertTrue(service.appliance().warmUpMs() > 0);
            System.out.printf("serve: %.0f ms from start to serving after loading the bundle; warm-up scoring %.0f ms%n",
                    service.startMs(), service.appliance().warmUpMs());
        }
    }

    @Test
    void withoutArgumentsTheLauncherServesTheEmbeddedDefaults() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        ApplianceConfig c = serve.config();
        assertEquals(8080, c.httpPort());
        assertEquals(SourceConfig.Kind.SIMULATOR, c.source().kind());
        assertTrue(c.usesDemoBundle());
        assertNull(c.mqtt());
        assertEquals(Home.cacheDir(), c.cacheDir());
    }
}
