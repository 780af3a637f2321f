package org.eusedge.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eusedge.testing.SharedData;

/** Train rows (file order) of the reference's synthetic cohort: the 10 clinical columns in raw units and the label. */
record ClinicalCohort(String[] names, double[][] x, int[] y) {
    static final String[] CLINICAL = {"age", "gender", "location", "diameter", "shape_irregular",
            "margin_unclear", "hypoechoic", "uniform", "calcification", "cystic"};

    static ClinicalCohort train() {
        try {
            List<String> lines = Files.readAllLines(SharedData.path("reference/example/synthetic_seed1.csv"));
            List<String> header = Arrays.asList(lines.get(0).split(","));
            int label = header.indexOf("label"), split = header.indexOf("split");
            int[] cols = Arrays.stream(CLINICAL).mapToInt(header::indexOf).toArray();
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (!f[split].trim().equalsIgnoreCase("train")) continue;
                double[] r = new double[cols.length];
                for (int k = 0; k < cols.length; k++) r[k] = Double.parseDouble(f[cols[k]]);
                rows.add(r);
                labels.add((int) Double.parseDouble(f[label]));
            }
            return new ClinicalCohort(CLINICAL.clone(), rows.toArray(double[][]::new),
                    labels.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double[][] columns(List<String> wanted) {
        int[] idx = wanted.stream().mapToInt(w -> Arrays.asList(names).indexOf(w)).toArray();
        double[][] out = new double[x.length][idx.length];
        for (int i = 0; i < x.length; i++) for (int k = 0; k < idx.length; k++) out[i][k] = x[i][idx[k]];
        return out;
    }
}
