package org.eusedge.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Messages waiting for the broker's acknowledgement, in an SQLite table (WAL, synchronous=FULL: each append is fsync'd
 * before it returns), so nothing accepted is lost to a broker outage, a crash or a power cut. Messages leave in
 * append order. A file lock keeps a second link (in this or another process) off the same folder, which would
 * otherwise deliver every message twice.
 */
final class DurableOutbox implements AutoCloseable {

    record Pending(long seq, String messageId, String topic, byte[] payload) {}

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Connection db;

    private DurableOutbox(Path dir, FileChannel lockChannel, FileLock lock, Connection db) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.db = db;
    }

    static DurableOutbox open(Path outboxDir) {
        Path dir = outboxDir.toAbsolutePath().normalize();
        FileChannel channel = null;
        Connection c = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("outbox.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("MQTT outbox " + dir + " is in use by another RoomSystemLink;"
                        + " close that one first or give each link its own outboxDir");
            }
            c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS outbox (
                          seq        INTEGER PRIMARY KEY AUTOINCREMENT,
                          message_id TEXT NOT NULL,
                          topic      TEXT NOT NULL,
                          payload    BLOB NOT NULL)""");
            }
            return new DurableOutbox(dir, channel, lock, c);
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(c);
            closeQuietly(channel);
            if (e instanceof IllegalStateException ise) throw ise;
            throw new IllegalStateException("cannot open the MQTT outbox in " + dir + ": " + e.getMessage()
                    + "; outboxDir must be a writable local folder", e);
        }
    }

    /** Stores a message durably; when this returns, it survives a crash. */
    synchronized long append(String messageId, String topic, byte[] payload) {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO outbox (message_id, topic, payload) VALUES (?, ?, ?)")) {
            p.setString(1, messageId);
            p.setString(2, topic);
            p.setBytes(3, payload);
            p.executeUpdate();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("store message " + messageId, e);
        }
    }

    synchronized Optional<Pending> oldest() {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, message_id, topic, payload FROM outbox ORDER BY seq LIMIT 1")) {
            return rs.next()
                    ? Optional.of(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                    : Optional.empty();
        } catch (SQLException e) {
            throw failure("read the oldest message", e);
        }
    }

    /** Drops a message the broker has acknowledged. */
    synchronized void remove(long seq) {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            p.setLong(1, seq);
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("remove delivered message " + seq, e);
        }
    }

    synchronized long size() {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count pending messages", e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("MQTT outbox " + dir + ": cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort while closing or after another failure, which is the one reported
        }
    }
}
