package org.eusedge.training.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.eusedge.testing.SharedData;

/**
 * The reference harness's example cohort (synthetic, seed 1): train rows (split == train, file order) of the deep
 * feature columns f\d+ (file column order), and the harness's reference.json.
 */
record ExampleCohort(String[] names, double[][] trainRaw, int[] y, JsonNode selection) {

    private static final Pattern DEEP_FEATURE = Pattern.compile("f\\d+");
    private static ExampleCohort loaded;

    static synchronized ExampleCohort load() {
        if (loaded == null) loaded = read();
        return loaded;
    }

    private static ExampleCohort read() {
        try {
            List<String> lines = Files.readAllLines(SharedData.path("reference/example/synthetic_seed1.csv"));
            String[] header = lines.get(0).split(",", -1);
            int labelCol = List.of(header).indexOf("label");
            int splitCol = List.of(header).indexOf("split");
            int[] featureCols = java.util.stream.IntStream.range(0, header.length)
                    .filter(c -> DEEP_FEATURE.matcher(header[c]).matches()).toArray();
            String[] names = Arrays.stream(featureCols).mapToObj(c -> header[c]).toArray(String[]::new);
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                if (!cells[splitCol].trim().equalsIgnoreCase("train")) continue;
                double[] row = new double[featureCols.length];
                for (int k = 0; k < featureCols.length; k++) row[k] = Double.parseDouble(cells[featureCols[k]]);
                rows.add(row);
                labels.add((int) Double.parseDouble(cells[labelCol]));
            }
            JsonNode reference = new ObjectMapper().readTree(SharedData.path("reference/example/reference.json").toFile());
            return new ExampleCohort(names, rows.toArray(double[][]::new),
                    labels.stream().mapToInt(Integer::intValue).toArray(), reference.get("selection"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
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
}
