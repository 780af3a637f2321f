package org.eusedge.imaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The JSON form of a polygon ROI, used by roi.json files and the HTTP API:
 * {@code {"polygon": [[x, y], [x, y], ...]}} in image pixel coordinates (see {@link Roi} for the convention).
 * Other members are ignored. Parsing checks the form only; {@link RoiValidator} checks the geometry.
 */
public final class RoiJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EXAMPLE = "{\"polygon\": [[x, y], [x, y], ...]}";

    private RoiJson() {}

    public static Roi parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ROI is not valid JSON (" + e.getOriginalMessage() + "); expected "
                    + EXAMPLE);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("ROI JSON must be an object like " + EXAMPLE);
        }
        JsonNode polygon = root.get("polygon");
        if (polygon == null || !polygon.isArray()) {
            throw new IllegalArgumentException("ROI JSON has no \"polygon\" array; expected " + EXAMPLE);
        }
        int n = polygon.size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode point = polygon.get(i);
            if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
                throw new IllegalArgumentException("polygon point " + i + " is " + point
                        + "; each point must be a pair of numbers [x, y]");
            }
            xs[i] = point.get(0).doubleValue();
            ys[i] = point.get(1).doubleValue();
        }
        return new PolygonRoi(xs, ys);
    }

    public static String write(PolygonRoi roi) {
        Objects.requireNonNull(roi, "roi");
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode polygon = root.putArray("polygon");
        double[] xs = roi.xs();
        double[] ys = roi.ys();
        for (int i = 0; i < xs.length; i++) {
            polygon.addArray().add(xs[i]).add(ys[i]);
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ROI JSON", e);
        }
    }
}
