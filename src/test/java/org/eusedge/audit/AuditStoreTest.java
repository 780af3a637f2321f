package org.eusedge.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void recordedScoringIsFoundWithEveryFieldAndTheFramePixels() throws Exception {
        byte[] png = gradientPng(32, 24);
        AuditRecord r = scoring(Instant.parse("2026-12-03T10:15:30.123456789Z"), png,
                "{\"probability\":0.8125,\"decision\":\"PNET\"}");
        try (AuditStore store = AuditStore.open(dir.resolve("audit.db"))) {
            long seq = store.record(r);
            AuditEntry e = store.find(r.scoringId()).orElseThrow();
            assertEquals(seq, e.sequence());
            assertEquals(r, e.record());
            assertTrue(e.pathology().isEmpty());
            // the hash is the SHA-256 of the PNG bytes, computed here independently
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)), e.record().frame().sha256());
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(e.record().frame().png()));
            assertEquals(gradient(32, 24).getRGB(31, 23), back.getRGB(31, 23));
            assertEquals(0.8125, e.record().outputs().get("probability").asDouble());
            assertTrue(store.find(UUID.randomUUID().toString()).isEmpty());
        }
    }

    @Test
    void databaseIsInWalModeWithSchemaVersionOne() throws Exception {
        Path file = dir.resolve("audit.db");
        try (AuditStore store = AuditStore.open(file)) {
            store.record(scoring(Instant.now(), gradientPng(4, 4), "{\"probability\":0.5}"));
            assertEquals("wal", store.journalMode());
            assertEquals(1, store.schemaVersion());
            assertTrue(Files.exists(dir.resolve("audit.db-wal")), "a WAL journal file beside the database");
            // an independent connection sees the same persistent settings in the file
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                assertEquals("wal", one(s, "PRAGMA journal_mode"));
                assertEquals("1", one(s, "PRAGMA user_version"));
                assertEquals("1", one(s, "SELECT count(*) FROM scoring"));
            }
        }
    }

    @Test
    void pathologyIsAddedAndALaterCorrectionSupersedesItWithoutErasingIt() throws Exception {
        Path file = dir.resolve("audit.db");
        AuditRecord r = scoring(Instant.now(), gradientPng(4, 4), "{\"probability\":0.3}");
        try (AuditStore store = AuditStore.open(file)) {
            store.record(r);
            store.setPathology(r.scoringId(), "PDAC", Instant.parse("2026-12-10T09:00:00Z"));
            assertEquals(new PathologyReport("PDAC", Instant.parse("2026-12-10T09:00:00Z")),
                    store.find(r.scoringId()).orElseThrow().pathology().orElseThrow());
            store.setPathology(r.scoringId(), "PNET", Instant.parse("2026-12-12T09:00:00Z"));
            assertEquals("PNET", store.find(r.scoringId()).orElseThrow().pathology().orElseThrow().pathology());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertEquals("2", one(s, "SELECT count(*) FROM pathology"));
            SQLException refused = assertThrows(SQLException.class, () -> s.execute("DELETE FROM scoring"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }

    @Test
    void unknownScoringIdIsAClearError() {
        try (AuditStore store = AuditStore.open(dir.resolve("audit.db"))) {
            String id = UUID.randomUUID().toString();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.setPathology(id, "PNET", Instant.now()));
            assertTrue(e.getMessage().contains(id) && e.getMessage().contains("no scoring"), e.getMessage());
        }
    }

    @Test
    void aScoringIdCannotBeRecordedTwice() {
        AuditRecord r = scoring(Instant.now(), gradientPng(4, 4), "{\"probability\":0.3}");
        try (AuditStore store = AuditStore.open(dir.resolve("audit.db"))) {
            store.record(r);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.record(r));
            assertTrue(e.getMessage().contains("already"), e.getMessage());
        }
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        byte[] notPng = "GIF89a".getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FrameEvidence.ofPng(notPng))
                .getMessage().contains("not a PNG"));
        assertThrows(IllegalArgumentException.class, () -> new AuditRecord("scoring-7", Instant.now(),
                FrameEvidence.ofPng(gradientPng(2, 2)), obj("{}"), obj("{}"), obj("{}"), "m", "h"));
        assertThrows(IllegalArgumentException.class, () -> FrameEvidence.hashOnly("ABC"));
    }

    @Test
    void exportedCsvParsesBackToOneRowPerScoringWithFlattenedOutputs() throws Exception {
        Path file = dir.resolve("audit.db");
        AuditRecord a = scoring(Instant.parse("2026-12-01T08:00:00Z"), gradientPng(4, 4),
                "{\"probability\":0.8125,\"decision\":\"PNET\",\"signatures\":{\"dl\":1.5,\"clinical\":-0.25},\"shap\":[0.1,-0.2]}");
        AuditRecord b = scoring(Instant.parse("2026-12-01T09:00:00Z"), gradientPng(4, 4),
                "{\"probability\":0.125,\"decision\":\"cancer\"}");
        // a free-text pathology with a comma, quotes and a line break must survive CSV quoting
        String pathology = "PNET, G2 \"well differentiated\"\nKi-67 3%";
        Path csv = dir.resolve("export/audit.csv");
        try (AuditStore store = AuditStore.open(file)) {
            store.record(a);
            store.record(b);
            store.setPathology(a.scoringId(), pathology, Instant.parse("2026-12-09T12:00:00Z"));
            store.exportCsv(csv);
        }
        List<List<String>> rows = parseRfc4180(Files.readString(csv, StandardCharsets.UTF_8));
        assertEquals(List.of("scoring_id", "scored_at", "model_id", "model_hash", "frame_sha256", "probability", "decision",
                "signatures.dl", "signatures.clinical", "shap", "pathology", "pathology_reported_at"), rows.get(0));
        assertEquals(3, rows.size(), "header + one row per scoring");
        assertEquals(List.of(a.scoringId(), "2026-12-01T08:00:00Z", "resnet18-svm-nomogram", "ab12cd", a.frame().sha256(),
                "0.8125", "PNET", "1.5", "-0.25", "[0.1,-0.2]", pathology, "2026-12-09T12:00:00Z"), rows.get(1));
        assertEquals(List.of(b.scoringId(), "2026-12-01T09:00:00Z", "resnet18-svm-nomogram", "ab12cd", b.frame().sha256(),
                "0.125", "cancer", "", "", "", "", ""), rows.get(2));
        assertFalse(Files.exists(dir.resolve("export/audit.csv.part")));
    }

    @Test
    void reopeningTheFileKeepsEverythingSaved() {
        Path file = dir.resolve("audit.db");
        List<AuditRecord> saved = new ArrayList<>();
        try (AuditStore store = AuditStore.open(file)) {
            for (int i = 0; i < 5; i++) {
                AuditRecord r = scoring(Instant.parse("2026-12-03T10:00:00Z").plusSeconds(i), gradientPng(8 + i, 8),
                        "{\"probability\":" + (i / 8.0) + "}");
                store.record(r);
                saved.add(r);
            }
            store.setPathology(saved.get(2).scoringId(), "PNET", Instant.parse("2026-12-20T00:00:00Z"));
        }
        try (AuditStore reopened = AuditStore.open(file)) {
            List<AuditEntry> recent = reopened.recent(10);
            assertEquals(5, recent.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(saved.get(4 - i), recent.get(i).record(), "newest first");
            }
            assertEquals("PNET", reopened.find(saved.get(2).scoringId()).orElseThrow().pathology().orElseThrow().pathology());
            assertEquals(2, reopened.recent(2).size());
            assertThrows(IllegalArgumentException.class, () -> reopened.recent(0));
        }
    }

    @Test
    void hashOnlyRetentionKeepsTheHashButNotTheImage() {
        byte[] png = gradientPng(6, 6);
        AuditRecord r = scoring(Instant.now(), png, "{\"probability\":0.7}");
        try (AuditStore store = AuditStore.open(dir.resolve("audit.db"), FrameRetention.SHA256_ONLY)) {
            store.record(r);
            FrameEvidence stored = store.find(r.scoringId()).orElseThrow().record().frame();
            assertFalse(stored.hasPng());
            assertEquals(FrameEvidence.ofPng(png).sha256(), stored.sha256());
        }
    }

    @Test
    void aNewerSchemaOrAForeignDatabaseIsRefused() throws Exception {
        Path newer = dir.resolve("newer.db");
        Path foreign = dir.resolve("foreign.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 7");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE patients (name TEXT)");
        }
        AuditStoreException e1 = assertThrows(AuditStoreException.class, () -> AuditStore.open(newer));
        assertTrue(e1.getMessage().contains("schema version 7"), e1.getMessage());
        AuditStoreException e2 = assertThrows(AuditStoreException.class, () -> AuditStore.open(foreign));
        assertTrue(e2.getMessage().contains("other tables"), e2.getMessage());
    }

    private static AuditRecord scoring(Instant time, byte[] png, String outputs) {
        return new AuditRecord(UUID.randomUUID().toString(), time, FrameEvidence.ofPng(png),
                obj("{\"polygon\":[[10,12],[40,12],[40,30]]}"), obj("{\"age\":61,\"sex\":\"female\",\"max_diameter_mm\":23.5}"),
                obj(outputs), "resnet18-svm-nomogram", "ab12cd");
    }

    private static JsonNode obj(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 7 % 256) << 16 | (y * 11 % 256) << 8 | 99);
        return img;
    }

    private static byte[] gradientPng(int w, int h) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(gradient(w, h), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A reader for RFC 4180 (quoted fields, doubled quotes, CRLF records), written from the RFC's grammar. */
    private static List<List<String>> parseRfc4180(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(ch);
            }
        }
        assertEquals(0, field.length() + row.size(), "CSV ends with CRLF");
        return rows;
    }
}
