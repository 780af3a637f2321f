package org.eusedge.appliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A file-backed audit for the appliance's tests (the SQLite AuditStore lives in another package): one JSON line per
 * scoring, forced to disk before record() returns, so a test reads back exactly what an operator's result rests on.
 */
public final class JsonLinesAudit implements ScoringAudit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public JsonLinesAudit(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void record(ScoringRecord r) {
        ObjectNode line = JSON.createObjectNode();
        line.put("scoring_id", r.scoringId());
        line.put("time", r.time().toString());
        line.put("frame_id", r.frameId());
        line.put("frame_sha256", r.frameSha256());
        if (r.framePng() != null) line.put("frame_png", Base64.getEncoder().encodeToString(r.framePng()));
        line.set("roi", r.roi());
        line.set("clinical", r.clinical());
        line.set("outputs", r.outputs());
        line.put("model_id", r.modelId());
        line.put("model_hash", r.modelHash());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit file " + file, e);
        }
    }

    public synchronized List<JsonNode> read() {
        List<JsonNode> out = new ArrayList<>();
        try {
            if (!Files.exists(file)) return out;
            for (String l : Files.readAllLines(file)) out.add(JSON.readTree(l));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
