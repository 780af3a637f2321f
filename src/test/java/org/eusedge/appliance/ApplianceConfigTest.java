package org.eusedge.appliance;

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
        assertEquals("simulator", c.source().kind());
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
                {"source": {"fps": 60}, "frame_storage": "hash", "pixel_spacing_mm": null,
                 "mqtt": {"server_uri": "tcp://room.local:1883", "username": "cart"}}""");
        ApplianceConfig c = ApplianceConfig.load(f);
        assertEquals(60, c.source().fps());
        assertEquals("simulator", c.source().kind(), "unnamed nested keys keep their defaults");
        assertEquals(640, c.source().width());
        assertEquals(ApplianceConfig.FrameStorage.HASH, c.frameStorage());
        assertNull(c.pixelSpacingMm());
        assertEquals("tcp://room.local:1883", c.mqtt().serverUri());
        assertEquals("eus-edge/results", c.mqtt().resultTopic(), "the result topic has a default");
        assertEquals(8080, c.httpPort());
        assertEquals(List.of("tensorrt", "cuda", "cpu"), c.providers());
    }

    @Test
    void mistakesAreRefusedWithTheirName() throws Exception {
        Path typo = tmp.resolve("typo.json");
        Files.writeString(typo, "{\"htp_port\": 9000}");
        var e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(typo));
        assertTrue(e.getMessage().contains("htp_port"), e.getMessage());

        Path kind = tmp.resolve("kind.json");
        Files.writeString(kind, "{\"source\": {\"kind\": \"webcam\"}}");
        e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(kind));
        assertTrue(e.getMessage().contains("source kind 'webcam' is not one of"), e.getMessage());

        Path noLocation = tmp.resolve("file.json");
        Files.writeString(noLocation, "{\"source\": {\"kind\": \"file\"}}");
        e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(noLocation));
        assertTrue(e.getMessage().contains("a file source needs a location"), e.getMessage());

        Path spacing = tmp.resolve("spacing.json");
        Files.writeString(spacing, "{\"pixel_spacing_mm\": -0.1}");
        e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(spacing));
        assertTrue(e.getMessage().contains("pixel_spacing_mm -0.1 must be a positive number"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.load(tmp.resolve("absent.json")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
