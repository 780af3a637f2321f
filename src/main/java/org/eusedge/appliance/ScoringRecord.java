package org.eusedge.appliance;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * One scoring as the audit keeps it.
 *
 * @param scoringId   a random UUID; also the room system's message_id, so the two records join
 * @param framePng    the frozen frame as PNG, or null when the configuration keeps only its hash
 * @param frameSha256 SHA-256 (lower-case hex) of the frame's PNG encoding
 * @param roi         the operator's ROI as sent ({"polygon": [[x, y], ...]})
 * @param clinical    the clinical inputs as sent
 * @param outputs     the prediction JSON returned to the UI
 */
public record ScoringRecord(String scoringId, Instant time, long frameId, byte[] framePng, String frameSha256,
                            JsonNode roi, JsonNode clinical, JsonNode outputs, String modelId, String modelHash) {
    public ScoringRecord {
        Objects.requireNonNull(scoringId, "scoringId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(frameSha256, "frameSha256");
        Objects.requireNonNull(outputs, "outputs");
    }
}
