package org.eusedge.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * The procedure the room system says is under way, used to pre-fill the clinical form. Sent by the room system as JSON:
 * {"procedure_id": "...", "age": 64, "sex": "female"}; age and sex may be absent or null.
 *
 * @param age years, or null when the room system did not send it
 * @param sex "male" or "female" (M/F accepted on the wire), or null
 */
public record ProcedureContext(String procedureId, Integer age, String sex) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ProcedureContext {
        if (procedureId == null || procedureId.isBlank()) {
            throw new IllegalArgumentException("procedure context needs a non-blank procedure_id");
        }
        if (age != null && (age < 0 || age > 130)) {
            throw new IllegalArgumentException("procedure context age must be 0..130 years, got " + age);
        }
        if (sex != null) sex = normaliseSex(sex);
    }

    /** Parses the room system's JSON message; the exception says which field is wrong. */
    public static ProcedureContext parse(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("procedure context is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("procedure context must be a JSON object with procedure_id, age, sex");
        }
        JsonNode id = node.path("procedure_id");
        if (!id.isTextual() && !id.isIntegralNumber()) {
            throw new IllegalArgumentException("procedure context needs procedure_id as a string, got " + id.getNodeType());
        }
        JsonNode age = node.path("age");
        if (!age.isMissingNode() && !age.isNull() && !age.isIntegralNumber()) {
            throw new IllegalArgumentException("procedure context age must be a whole number of years, got " + age);
        }
        JsonNode sex = node.path("sex");
        if (!sex.isMissingNode() && !sex.isNull() && !sex.isTextual()) {
            throw new IllegalArgumentException("procedure context sex must be a string (male/female), got " + sex);
        }
        return new ProcedureContext(id.asText(), age.isIntegralNumber() ? age.intValue() : null,
                sex.isTextual() ? sex.textValue() : null);
    }

    private static String normaliseSex(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "m", "male" -> "male";
            case "f", "female" -> "female";
            default -> throw new IllegalArgumentException("procedure context sex must be male/female (or M/F), got '" + s + "'");
        };
    }
}
