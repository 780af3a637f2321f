package org.eusedge.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eusedge.testing.SharedData;

/** The reference harness output for the seed-1 synthetic cohort (../shared/reference/example/reference.json). */
final class Reference {
    private static JsonNode root;

    private Reference() {}

    static synchronized JsonNode json() {
        if (root == null) {
            try {
                root = new ObjectMapper().readTree(SharedData.path("reference/example/reference.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static JsonNode at(String pointer) {
        JsonNode n = json().at(pointer);
        if (n.isMissingNode()) throw new IllegalStateException("reference.json has no " + pointer);
        return n;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Exact per-case score vector, set = train | test | oof. */
    static double[] scores(String vector, String set) {
        return doubles(at("/scores/" + vector + "/" + set));
    }

    static int[] labels(String set) {
        return ints(at("/scores/y_" + ("oof".equals(set) ? "train" : set)));
    }

    /** Null in the JSON means an undefined ratio: NaN here. */
    static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    static List<String> models() {
        List<String> out = new ArrayList<>();
        at("/models").fieldNames().forEachRemaining(out::add);
        return out;
    }
}
