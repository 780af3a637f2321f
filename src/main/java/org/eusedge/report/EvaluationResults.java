package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-readable evaluation results: one JSON tree whose keys follow the reference harness's
 * (../shared/reference/README.md) wherever they overlap, so results.json can be compared with reference.json key
 * by key. Top-level keys: {@code meta, selection, models, dl_signature, signatures, delong, clinical, nomogram,
 * calibration, dca, cic, scores, explanations, notes, warnings}. Undefined numbers (a ratio with denominator 0) are null.
 * The report is drawn from this tree alone, so a saved results.json can be rendered again.
 */
public record EvaluationResults(ObjectNode json) {
    public static final String FORMAT = "eus-edge-results/1";
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public EvaluationResults {
        if (json == null) throw new IllegalArgumentException("results JSON is null");
        if (!FORMAT.equals(json.path("meta").path("format").asText())) {
            throw new IllegalArgumentException("not an evaluation results document: meta.format is '"
                    + json.path("meta").path("format").asText() + "', expected '" + FORMAT + "'");
        }
    }

    public static EvaluationResults read(Path resultsJson) {
        try {
            JsonNode n = MAPPER.readTree(resultsJson.toFile());
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException(resultsJson + " does not hold a JSON object");
            }
            return new EvaluationResults(o);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evaluation results " + resultsJson + ": " + e.getMessage(), e);
        }
    }

    public void write(Path resultsJson) {
        try {
            Path parent = resultsJson.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            MAPPER.writeValue(resultsJson.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + resultsJson + ": " + e.getMessage(), e);
        }
    }

    /** The node at a JSON pointer such as "/signatures/Nomogram/auc_test" (a missing node when absent). */
    public JsonNode at(String pointer) {
        return json.at(pointer);
    }

    public List<String> notes() {
        List<String> out = new ArrayList<>();
        json.path("notes").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The subset of {@link #notes()} that are warnings (no deep feature, a skipped learner, a weak nomogram...). */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        json.path("warnings").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Signatures present, in the order DL_sig, Clinic_sig, Nomogram (DL_sig is absent without deep features). */
    public List<String> signatureNames() {
        List<String> out = new ArrayList<>();
        json.path("signatures").fieldNames().forEachRemaining(out::add);
        return out;
    }

    public boolean hasTest() {
        return json.path("meta").path("n_test").asInt() > 0 && json.path("meta").path("test_has_both_classes").asBoolean();
    }
}
