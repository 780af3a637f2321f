package org.eusedge.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One scoring as it was made: the frame, the lesion ROI, the clinical inputs, the model's outputs and which model
 * produced them. Recorded before the result is shown or sent, so every result anyone saw can be traced.
 *
 * @param scoringId      a UUID string (the same id the room system receives as message_id is a good choice)
 * @param roi            the operator's region of interest, as JSON
 * @param clinicalInputs the clinical facts entered, as JSON
 * @param outputs        the scoring outputs, as JSON (exportCsv flattens its scalar fields, e.g. probability, decision)
 * @param modelHash      the bundle's content hash
 */
public record AuditRecord(String scoringId, Instant time, FrameEvidence frame, JsonNode roi, JsonNode clinicalInputs,
                          JsonNode outputs, String modelId, String modelHash) {

    public AuditRecord {
        Objects.requireNonNull(scoringId, "scoringId");
        try {
            UUID.fromString(scoringId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scoring id must be a UUID string, got '" + scoringId + "'", e);
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(frame, "frame");
        roi = requireJson(roi, "roi");
        clinicalInputs = requireJson(clinicalInputs, "clinicalInputs");
        outputs = requireJson(outputs, "outputs");
        if (!outputs.isObject()) {
            throw new IllegalArgumentException("outputs must be a JSON object (field name -> value), got " + outputs.getNodeType());
        }
        modelId = requireText(modelId, "modelId");
        modelHash = requireText(modelHash, "modelHash");
    }

    private static JsonNode requireJson(JsonNode node, String name) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException(name + " JSON is missing; pass an empty object if there is nothing to record");
        }
        return node.deepCopy();
    }

    private static String requireText(String s, String name) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
        return s;
    }
}
