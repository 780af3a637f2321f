package org.eusedge.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The audit trail of every scoring, in one SQLite file (WAL journal, synchronous=FULL so a recorded scoring survives a
 * power cut). Scorings and pathology reports are append-only. Thread-safe: one connection, methods serialised.
 */
public final class AuditStore implements AutoCloseable {

    private static final List<String> LEADING_COLUMNS =
            List.of("scoring_id", "scored_at", "model_id", "model_hash", "frame_sha256");
    private static final List<String> TRAILING_COLUMNS = List.of("pathology", "pathology_reported_at");
    private static final String SELECT_ENTRY = """
            SELECT s.seq, s.scoring_id, s.scored_at, s.frame_sha256, s.frame_png, s.roi_json, s.clinical_json,
                   s.outputs_json, s.model_id, s.model_hash,
                   (SELECT p.pathology FROM pathology p WHERE p.scoring_id = s.scoring_id ORDER BY p.seq DESC LIMIT 1),
                   (SELECT p.reported_at FROM pathology p WHERE p.scoring_id = s.scoring_id ORDER BY p.seq DESC LIMIT 1)
            FROM scoring s""";

    private final Path file;
    private final FrameRetention retention;
    private final Connection connection;
    private final ObjectMapper json = new ObjectMapper();

    private AuditStore(Path file, FrameRetention retention, Connection connection) {
        this.file = file;
        this.retention = retention;
        this.connection = connection;
    }

    /** Opens (creating on first use) the audit database, keeping frames as PNG. */
    public static AuditStore open(Path dbFile) {
        return open(dbFile, FrameRetention.PNG);
    }

    public static AuditStore open(Path dbFile, FrameRetention retention) {
        Objects.requireNonNull(dbFile, "dbFile");
        Objects.requireNonNull(retention, "retention");
        Path file = dbFile.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("audit store path " + file + " is a directory; give a file such as audit.db");
        }
        Connection c = null;
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                String mode = queryString(s, "PRAGMA journal_mode = WAL");
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new AuditStoreException("audit database " + file + " could not switch to WAL journal (got '"
                            + mode + "'); put it on a local file system");
                }
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            AuditSchema.ensure(c, file);
            return new AuditStore(file, retention, c);
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(c);
            if (e instanceof AuditStoreException a) throw a;
            throw new AuditStoreException("cannot open audit database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public FrameRetention frameRetention() {
        return retention;
    }

    /** The journal mode SQLite reports for this connection ("wal"). */
    public synchronized String journalMode() {
        try (Statement s = connection.createStatement()) {
            return queryString(s, "PRAGMA journal_mode");
        } catch (SQLException e) {
            throw failure("read the journal mode", e);
        }
    }

    public synchronized int schemaVersion() {
        try {
            return AuditSchema.userVersion(connection);
        } catch (SQLException e) {
            throw failure("read the schema version", e);
        }
    }

    /**
     * Records a scoring durably; call it before the result is shown or sent.
     *
     * @return the record's sequence number in this store (increasing)
     * @throws IllegalArgumentException if the scoring id was recorded before
     */
    public synchronized long record(AuditRecord r) {
        Objects.requireNonNull(r, "record");
        String sql = """
                INSERT INTO scoring (scoring_id, scored_at, frame_sha256, frame_png, roi_json, clinical_json,
                                     outputs_json, model_id, model_hash, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, r.scoringId());
            p.setString(2, r.time().toString());
            p.setString(3, r.frame().sha256());
            p.setBytes(4, retention == FrameRetention.PNG && r.frame().hasPng() ? r.frame().png() : null);
            p.setString(5, r.roi().toString());
            p.setString(6, r.clinicalInputs().toString());
            p.setString(7, r.outputs().toString());
            p.setString(8, r.modelId());
            p.setString(9, r.modelHash());
            p.setString(10, Instant.now().toString());
            p.executeUpdate();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new IllegalArgumentException("scoring id " + r.scoringId() + " is already in the audit store "
                        + file + "; every scoring needs a new UUID", e);
            }
            throw failure("record scoring " + r.scoringId(), e);
        }
    }

    /**
     * Adds the final pathology of a scored lesion. A later report for the same scoring supersedes the earlier one,
     * which stays in the file.
     *
     * @throws IllegalArgumentException if no scoring has this id
     */
    public synchronized void setPathology(String scoringId, String pathology, Instant when) {
        Objects.requireNonNull(scoringId, "scoringId");
        Objects.requireNonNull(when, "when");
        if (pathology == null || pathology.isBlank()) {
            throw new IllegalArgumentException("pathology must not be blank (e.g. \"PNET\" or \"PDAC\")");
        }
        if (!exists(scoringId)) {
            throw new IllegalArgumentException("no scoring with id '" + scoringId + "' in audit store " + file
                    + "; check the id against recent() or the exported CSV");
        }
        String sql = "INSERT INTO pathology (scoring_id, pathology, reported_at, recorded_at) VALUES (?, ?, ?, ?)";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, scoringId);
            p.setString(2, pathology.strip());
            p.setString(3, when.toString());
            p.setString(4, Instant.now().toString());
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("set the pathology of scoring " + scoringId, e);
        }
    }

    public synchronized Optional<AuditEntry> find(String scoringId) {
        Objects.requireNonNull(scoringId, "scoringId");
        try (PreparedStatement p = connection.prepareStatement(SELECT_ENTRY + " WHERE s.scoring_id = ?")) {
            p.setString(1, scoringId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("find scoring " + scoringId, e);
        }
    }

    /** The n most recent scorings, newest first. */
    public synchronized List<AuditEntry> recent(int n) {
        if (n <= 0) throw new IllegalArgumentException("recent(n) needs n > 0, got " + n);
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(SELECT_ENTRY + " ORDER BY s.seq DESC LIMIT ?")) {
            p.setInt(1, n);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(entry(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("list recent scorings", e);
        }
    }

    /**
     * Writes one CSV row per scoring, oldest first: scoring_id, scored_at, model_id, model_hash, frame_sha256, then
     * every scalar output flattened (e.g. probability, decision; nested objects as dotted names, arrays as JSON text),
     * then pathology and pathology_reported_at (empty until reported). Written to a temporary file and moved into
     * place, so a reader never sees half a file.
     */
    public synchronized void exportCsv(Path out) {
        Objects.requireNonNull(out, "out");
        Set<String> outputColumns = new LinkedHashSet<>();
        forEachEntry(e -> outputColumns.addAll(AuditCsv.flatten(e.record().outputs()).keySet()));
        List<String> header = new ArrayList<>(LEADING_COLUMNS);
        for (String c : outputColumns) {
            // an output named like a fixed column must not shadow it
            header.add(LEADING_COLUMNS.contains(c) || TRAILING_COLUMNS.contains(c) ? "outputs." + c : c);
        }
        header.addAll(TRAILING_COLUMNS);
        Path target = out.toAbsolutePath().normalize();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            if (target.getParent() != null) Files.createDirectories(target.getParent());
            try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                AuditCsv.writeRow(w, header);
                IOException[] failed = new IOException[1];
                forEachEntry(e -> {
                    if (failed[0] != null) return;
                    try {
                        AuditCsv.writeRow(w, csvRow(e, outputColumns));
                    } catch (IOException io) {
                        failed[0] = io;
                    }
                });
                if (failed[0] != null) throw failed[0];
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AuditStoreException("cannot write the audit CSV to " + target + ": " + e.getMessage(), e);
        }
    }

    private static List<String> csvRow(AuditEntry e, Set<String> outputColumns) {
        AuditRecord r = e.record();
        List<String> row = new ArrayList<>(List.of(r.scoringId(), r.time().toString(), r.modelId(), r.modelHash(),
                r.frame().sha256()));
        Map<String, String> outputs = AuditCsv.flatten(r.outputs());
        for (String c : outputColumns) row.add(outputs.getOrDefault(c, ""));
        row.add(e.pathology().map(PathologyReport::pathology).orElse(""));
        row.add(e.pathology().map(p -> p.reportedAt().toString()).orElse(""));
        return row;
    }

    private void forEachEntry(Consumer<AuditEntry> action) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SELECT_ENTRY + " ORDER BY s.seq")) {
            while (rs.next()) action.accept(entry(rs));
        } catch (SQLException e) {
            throw failure("read scorings", e);
        }
    }

    private boolean exists(String scoringId) {
        try (PreparedStatement p = connection.prepareStatement("SELECT 1 FROM scoring WHERE scoring_id = ?")) {
            p.setString(1, scoringId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure("look up scoring " + scoringId, e);
        }
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        String sha = rs.getString(4);
        byte[] png = rs.getBytes(5);
        FrameEvidence frame = png == null ? FrameEvidence.hashOnly(sha) : new FrameEvidence(sha, png);
        AuditRecord record = new AuditRecord(rs.getString(2), Instant.parse(rs.getString(3)), frame,
                parse(rs.getString(6)), parse(rs.getString(7)), parse(rs.getString(8)), rs.getString(9), rs.getString(10));
        String pathology = rs.getString(11);
        Optional<PathologyReport> report = pathology == null
                ? Optional.empty()
                : Optional.of(new PathologyReport(pathology, Instant.parse(rs.getString(12))));
        return new AuditEntry(rs.getLong(1), record, report);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AuditStoreException("audit database " + file + " holds unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("UNIQUE constraint failed");
    }

    private AuditStoreException failure(String what, SQLException e) {
        return new AuditStoreException("audit database " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }

    private static String queryString(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing to open; the original error is the one worth reporting
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
