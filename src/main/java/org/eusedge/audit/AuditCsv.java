package org.eusedge.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 4180 rows of the audit export (commons-csv: comma, CRLF, quotes where a field needs them). */
final class AuditCsv {
    private AuditCsv() {}

    static void writeRow(Writer w, List<String> fields) throws IOException {
        CSVFormat.RFC4180.printRecord(w, fields.stream().map(f -> f == null ? "" : f).toArray());
    }

    /**
     * Scalar leaves of a JSON object keyed by dotted path ("signature.dl"); arrays stay one field, as compact JSON,
     * so a SHAP vector does not explode into hundreds of columns.
     */
    static Map<String, String> flatten(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", object, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            out.put(prefix, node.toString());
        } else if (node.isNull()) {
            out.put(prefix, "");
        } else {
            out.put(prefix, node.asText());
        }
    }
}
