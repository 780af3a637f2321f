package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;

/** Small helpers for the results tree: NaN and infinities are written as null, as the reference harness does. */
final class Json {
    private Json() {}

    static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
    }

    static ArrayNode array(ObjectNode o, String key, double[] v) {
        ArrayNode a = o.putArray(key);
        for (double d : v) add(a, d);
        return a;
    }

    static ArrayNode array(ObjectNode o, String key, int[] v) {
        ArrayNode a = o.putArray(key);
        for (int d : v) a.add(d);
        return a;
    }

    static ArrayNode strings(ObjectNode o, String key, Collection<String> v) {
        ArrayNode a = o.putArray(key);
        v.forEach(a::add);
        return a;
    }

    static void add(ArrayNode a, double d) {
        if (Double.isFinite(d)) a.add(d); else a.addNull();
    }

    static ArrayNode matrix(ObjectNode o, String key, double[][] m) {
        ArrayNode a = o.putArray(key);
        for (double[] row : m) {
            ArrayNode r = a.addArray();
            for (double d : row) add(r, d);
        }
        return a;
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

    static double[][] matrix(JsonNode array) {
        double[][] out = new double[array.size()][];
        for (int i = 0; i < out.length; i++) out[i] = doubles(array.get(i));
        return out;
    }

    static double num(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? Double.NaN : n.asDouble();
    }
}
