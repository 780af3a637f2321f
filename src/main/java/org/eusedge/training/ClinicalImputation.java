package org.eusedge.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills blank clinical values of a training cohort with the training rows' median (the mode, for a 0/1 variable),
 * so that an incomplete record does not drop a case. Used for training only: the appliance asks the operator for
 * every value the model needs and never imputes.
 */
public record ClinicalImputation(List<String> names, double[] fill, int[] missingCounts) {

    public static ClinicalImputation fit(double[][] clinical, int[] trainRows, List<String> names) {
        int p = names.size();
        double[] fill = new double[p];
        int[] missing = new int[p];
        for (int j = 0; j < p; j++) {
            List<Double> present = new ArrayList<>();
            for (int i : trainRows) {
                if (Double.isNaN(clinical[i][j])) missing[j]++;
                else present.add(clinical[i][j]);
            }
            if (present.isEmpty()) {
                throw new IllegalArgumentException("clinical variable '" + names.get(j) + "' is blank for every training case: "
                        + "remove it from the column mapping");
            }
            double[] v = present.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            boolean binary = Arrays.stream(v).allMatch(x -> x == 0 || x == 1);
            if (binary) {
                double ones = Arrays.stream(v).sum();
                fill[j] = ones * 2 > v.length ? 1 : 0;
            } else {
                fill[j] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            }
        }
        return new ClinicalImputation(List.copyOf(names), fill, missing);
    }

    public double[][] apply(double[][] clinical) {
        double[][] out = new double[clinical.length][];
        for (int i = 0; i < clinical.length; i++) {
            out[i] = clinical[i].clone();
            for (int j = 0; j < fill.length; j++) if (Double.isNaN(out[i][j])) out[i][j] = fill[j];
        }
        return out;
    }

    /** For the provenance: variable -> {fill value, blank training values}. */
    public Map<String, Map<String, Double>> summary() {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            // ordered maps only: Map.of's iteration order changes from one JVM run to the next, and the bundle must not
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("fill", fill[j]);
            v.put("missing_in_train", (double) missingCounts[j]);
            m.put(names.get(j), v);
        }
        return m;
    }
}
