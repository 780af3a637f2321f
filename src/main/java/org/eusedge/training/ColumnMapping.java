package org.eusedge.training;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a cohort manifest's columns map onto the model's inputs. The built-in mappings live in
 * src/main/resources/mappings (name.json); a site writes its own JSON file of the same shape.
 *
 * @param id       column with a unique case id
 * @param image    column with the image path (relative to the manifest)
 * @param mask     column with a lesion mask image path, or null when the ROI comes from {@code polygon}
 * @param polygon  column with a polygon ROI as JSON {"polygon": [[x, y], ...]}, or null
 * @param label    column with the class
 * @param positiveValue the label value of the positive class (whose probability the model reports)
 * @param split    column with train/test, or null: the trainer then splits 7:3, stratified and seeded
 * @param pixelSpacingMm column with the pixel spacing in mm, or null
 */
public record ColumnMapping(String id, String image, String mask, String polygon, String label, String positiveValue,
                            String positiveName, String negativeName, String split, String pixelSpacingMm,
                            List<ClinicalColumn> clinical) {

    /** A clinical variable of the model read from a column; {@code codes} maps text values, {@code invert} is 1 - x. */
    public record ClinicalColumn(String name, String column, Map<String, Double> codes, boolean invert) {}

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ColumnMapping {
        clinical = List.copyOf(clinical);
        if (id == null || image == null || label == null || positiveValue == null) {
            throw new IllegalArgumentException("a column mapping needs id, image, label and positive_value");
        }
        if ((mask == null) == (polygon == null)) {
            throw new IllegalArgumentException("a column mapping needs exactly one of mask or polygon for the ROI");
        }
    }

    /** A built-in mapping by name ("default", "breast-lesions-usg") or a JSON file. */
    public static ColumnMapping resolve(String nameOrFile) {
        String name = nameOrFile == null ? "default" : nameOrFile;
        try (InputStream in = ColumnMapping.class.getResourceAsStream("/mappings/" + name + ".json")) {
            if (in != null) return JSON.readValue(in, ColumnMapping.class);
        } catch (IOException e) {
            throw new IllegalStateException("built-in mapping " + name + " is unreadable", e);
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("column mapping '" + name + "' is neither a built-in mapping "
                    + "(default, breast-lesions-usg, ddti-thyroid) nor a JSON file");
        }
        try {
            return JSON.readValue(file.toFile(), ColumnMapping.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("column mapping " + file + " is not valid: " + e.getMessage(), e);
        }
    }
}
