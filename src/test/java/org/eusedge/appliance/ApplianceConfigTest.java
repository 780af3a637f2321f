package org.eusedge.appliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.capture.SourceConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplianceConfigTest {
    @TempDir Path tmp;

    @Test
    void embeddedDefaultsNeedNoFileAndNoHardware() {
        ApplianceConfig c = ApplianceConfig.load(null);
        assertEquals(8080, c.httpPort());
        assertEquals(SourceConfig.simulator(1, 640, 480, 25), c.source());
        assertTrue(c.usesDemoBundle());
        assertEquals(Path.of("work", "audit"), c.auditDir());
        assertNull(c.mqtt(), "MQTT is off until configured");
        assertEquals(ApplianceConfig.FrameStorage.FULL, c.frameStorage());
        assertTrue(c.banner().toUpperCase().contains("RESEARCH USE ONLY"));
    }

    @Test
    void aFileOverridesOnlyWhatItNamesAndMergesNestedObjects() throws Exception {
        Path f = tmp.resolve("appliance.json");
        Files.writeString(f, """
                {"source": "file:clips/case12.mp4", "frame_storage": "hash", "pixel_spacing_mm": null,
                 "mqtt": {"server_uri": "tcp://room.local:1883", "username": "cart"}}""");
        ApplianceConfig c = ApplianceConfig.load(f);
        assertEquals(SourceConfig.file(Path.of("clips/case12.mp4")), c.source());
        assertEquals(ApplianceConfig.FrameStorage.HASH, c.frameStorage());
        assertNull(c.pixelSpacingMm());
        assertEquals("tcp://room.local:1883", c.mqtt().serverUri());
        assertEquals("eus-edge/results", c.mqtt().resultTopic(), "the result topic has a default");
        assertEquals(8080, c.httpPort());
        assertEquals(List.of("tensorrt", "cuda", "cpu"), c.providers());
    }

    @Test
    void flagsOverrideTheFileWhichOverridesTheDefaults() throws Exception {
        Path f = tmp.resolve("site.json");
        Files.writeString(f, "{\"http_port\": 9000, \"bundle\": \"bundles/site\", \"mqtt\": {\"server_uri\": \"tcp://room:1883\", \"client_id\": \"cart-3\"}}");
        ObjectNode flags = new ObjectMapper().createObjectNode().put("http_port", 0).put("source", "rtsp://processor/live");
        flags.putObject("mqtt").put("server_uri", "tcp://other:1883");
        ApplianceConfig c = ApplianceConfig.load(f, flags);
        assertEquals(0, c.httpPort());
        assertEquals("bundles/site", c.bundle());
        assertEquals(SourceConfig.stream("rtsp://processor/live"), c.source());
        assertEquals("tcp://other:1883", c.mqtt().serverUri());
        assertEquals("cart-3", c.mqtt().clientId(), "the flag replaces only the broker address");
        assertEquals(Path.of("work", "audit", "audit.db"), c.auditDatabase());
    }

    @Test
    void mistakesAreRefusedWithTheirName() throws Exception {
        Path typo = tmp.resolve("typo.json");
        Files.writeString(typo, "{\"htp_port\": 9000}");
        var e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(typo));
        assertTrue(e.getMessage().contains("htp_port"), e.getMessage());

        Path kind = tmp.resolve("kind.json");
        Files.writeString(kind, "{\"source\": \"webcam\"}");
        e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(kind));
        assertTrue(e.getMessage().contains("unknown source spec webcam"), e.getMessage());

        Path noFile = tmp.resolve("file.json");
        Files.writeString(noFile, "{\"source\": \"file:\"}");
        e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(noFile));
        assertTrue(e.getMessage().contains("names no file"), e.getMessage());

        Path oldForm = tmp.resolve("object.json");
        Files.writeString(oldForm, "{\"source\": {\"kind\": \"simulator\"}}");
        e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(oldForm));
        assertTrue(e.getMessage().contains("source must be a spec string"), e.getMessage());

        Path spacing = tmp.resolve("spacing.json");
        Files.writeString(spacing, "{\"pixel_spacing_mm\": -0.1}");
        e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(spacing));
        assertTrue(e.getMessage().contains("pixel_spacing_mm -0.1 must be a positive number"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(tmp.resolve("absent.json")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
