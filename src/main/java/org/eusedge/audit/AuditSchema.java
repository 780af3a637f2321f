package org.eusedge.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;

/** Creates the audit tables on first open and refuses files of another schema version (PRAGMA user_version). */
final class AuditSchema {
    static final int VERSION = 1;

    private AuditSchema() {}

    private static final String[] V1 = {
        """
        CREATE TABLE scoring (
          seq           INTEGER PRIMARY KEY AUTOINCREMENT,
          scoring_id    TEXT NOT NULL UNIQUE,
          scored_at     TEXT NOT NULL,
          frame_sha256  TEXT NOT NULL,
          frame_png     BLOB,
          roi_json      TEXT NOT NULL,
          clinical_json TEXT NOT NULL,
          outputs_json  TEXT NOT NULL,
          model_id      TEXT NOT NULL,
          model_hash    TEXT NOT NULL,
          recorded_at   TEXT NOT NULL)""",
        // pathology is appended, never overwritten: a correction keeps the earlier report; the latest one counts
        """
        CREATE TABLE pathology (
          seq         INTEGER PRIMARY KEY AUTOINCREMENT,
          scoring_id  TEXT NOT NULL REFERENCES scoring(scoring_id),
          pathology   TEXT NOT NULL,
          reported_at TEXT NOT NULL,
          recorded_at TEXT NOT NULL)""",
        "CREATE INDEX pathology_by_scoring ON pathology(scoring_id, seq)",
        // an audit trail is append-only: the database itself refuses edits and deletions of scorings
        "CREATE TRIGGER scoring_no_update BEFORE UPDATE ON scoring BEGIN SELECT RAISE(ABORT, 'audit scorings are append-only'); END",
        "CREATE TRIGGER scoring_no_delete BEFORE DELETE ON scoring BEGIN SELECT RAISE(ABORT, 'audit scorings are append-only'); END",
        "CREATE TRIGGER pathology_no_update BEFORE UPDATE ON pathology BEGIN SELECT RAISE(ABORT, 'pathology reports are append-only'); END",
        "CREATE TRIGGER pathology_no_delete BEFORE DELETE ON pathology BEGIN SELECT RAISE(ABORT, 'pathology reports are append-only'); END",
    };

    /** Brings an empty file to the current version; checks an existing one. Runs in one transaction. */
    static void ensure(Connection c, Path file) throws SQLException {
        int version = userVersion(c);
        if (version == VERSION) return;
        if (version > VERSION) {
            throw new AuditStoreException("audit database " + file + " has schema version " + version
                    + " but this build reads up to version " + VERSION + "; open it with a newer EUS Edge");
        }
        if (hasTables(c)) {
            throw new AuditStoreException("file " + file + " is an SQLite database with other tables and no EUS Edge"
                    + " schema version; give the audit store its own file");
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String ddl : V1) s.execute(ddl);
            s.execute("PRAGMA user_version = " + VERSION);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean hasTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
