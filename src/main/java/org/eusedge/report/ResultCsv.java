package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CSV files beside the report: per-case scores, the metrics table, decision and clinical impact curves. */
final class ResultCsv {
    private ResultCsv() {}

    static void writeAll(EvaluationResults r, Path dir) {
        write(dir.resolve(HtmlReport.SCORES_CSV), scores(r));
        write(dir.resolve(HtmlReport.METRICS_CSV), metrics(r));
        write(dir.resolve(HtmlReport.DCA_CSV), rows(r.at("/dca")));
        write(dir.resolve(HtmlReport.CIC_CSV), rows(r.at("/cic")));
    }

    /** One row per case: set, index within the set, id, label, then every score vector. */
    static String scores(EvaluationResults r) {
        JsonNode s = r.at("/scores");
        List<String[]> vectors = new ArrayList<>();   // {column name, vector key, set-or-oof}
        s.fieldNames().forEachRemaining(k -> {
            if (!s.get(k).isObject()) return;
            vectors.add(new String[] {k, k, "main"});
            if (s.get(k).has("oof")) vectors.add(new String[] {k + "_oof", k, "oof"});
        });
        StringBuilder b = new StringBuilder("set,index,id,label");
        for (String[] v : vectors) b.append(',').append(v[0]);
        b.append('\n');
        for (String set : List.of("train", "test")) {
            JsonNode y = s.path("y_" + set);
            for (int i = 0; i < y.size(); i++) {
                b.append(set).append(',').append(i).append(',').append(quote(s.path("id_" + set).path(i).asText(""))).append(',').append(y.get(i).asInt());
                for (String[] v : vectors) {
                    JsonNode val = v[2].equals("oof") ? (set.equals("train") ? s.get(v[1]).path("oof").path(i) : null)
                            : s.get(v[1]).path(set).path(i);
                    b.append(',').append(val == null || val.isMissingNode() || val.isNull() ? "" : val.asText());
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** One row per vector, set and threshold rule, with AUC and DeLong CI. */
    static String metrics(EvaluationResults r) {
        StringBuilder b = new StringBuilder("kind,vector,set,rule,auc,ci_lo,ci_hi,threshold,tp,fp,tn,fn,accuracy,sensitivity,"
                + "specificity,ppv,npv,f1\n");
        for (String kind : List.of("signatures", "models")) {
            JsonNode group = r.at("/" + kind);
            group.fieldNames().forEachRemaining(name -> {
                JsonNode m = group.get(name);
                for (String set : List.of("train", "test")) {
                    for (String rule : List.of("youden", "p0.5")) {
                        JsonNode c = m.path("metrics").path(set).path(rule);
                        if (c.isMissingNode()) continue;
                        JsonNode ci = m.path("auc_" + set + "_ci_delong");
                        b.append(kind).append(',').append(name).append(',').append(set).append(',').append(rule).append(',')
                                .append(text(m.path("auc_" + set))).append(',').append(text(ci.path(0))).append(',').append(text(ci.path(1)));
                        for (String k : List.of("threshold", "tp", "fp", "tn", "fn", "accuracy", "sensitivity", "specificity", "ppv", "npv", "f1")) {
                            b.append(',').append(text(c.path(k)));
                        }
                        b.append('\n');
                    }
                }
            });
        }
        return b.toString();
    }

    /** A JSON array of flat objects as CSV, columns from the first row. */
    static String rows(JsonNode array) {
        if (array.isMissingNode() || array.isEmpty()) return "";
        List<String> cols = new ArrayList<>();
        array.get(0).fieldNames().forEachRemaining(cols::add);
        StringBuilder b = new StringBuilder(String.join(",", cols)).append('\n');
        for (JsonNode row : array) {
            for (int k = 0; k < cols.size(); k++) {
                if (k > 0) b.append(',');
                b.append(quote(text(row.path(cols.get(k)))));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static void write(Path p, String content) {
        try {
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }
}
