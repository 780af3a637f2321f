package org.eusedge.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The clinical variables a bundle knows, and the check of an operator's or a file's clinical inputs against them. */
public record ClinicalSchema(List<ClinicalVariable> variables) {

    public ClinicalSchema {
        variables = List.copyOf(variables);
    }

    /** The variables of the published method (Table 1 of the study), with plausible ranges. */
    public static ClinicalSchema pancreas() {
        return new ClinicalSchema(List.of(
                ClinicalVariable.continuous("age", 0, 120, "years", "age at the procedure"),
                ClinicalVariable.binary("gender", "male"),
                ClinicalVariable.binary("location", "body or tail (0 = head)"),
                ClinicalVariable.continuous("diameter", 1, 300, "mm", "maximum lesion diameter"),
                ClinicalVariable.binary("shape_irregular", "irregular shape"),
                ClinicalVariable.binary("margin_unclear", "unclear margin"),
                ClinicalVariable.binary("hypoechoic", "hypoechoic"),
                ClinicalVariable.binary("uniform", "uniform echo"),
                ClinicalVariable.binary("calcification", "calcification"),
                ClinicalVariable.binary("cystic", "cystic areas")));
    }

    public ClinicalVariable variable(String name) {
        for (ClinicalVariable v : variables) if (v.name().equals(name)) return v;
        throw new InvalidInputException("unknown clinical variable '" + name + "'; this model knows " + names());
    }

    public List<String> names() {
        return variables.stream().map(ClinicalVariable::name).toList();
    }

    /**
     * Validates inputs and returns the values of {@code required}, in that order. Unknown names and missing required
     * values are refused (a misspelt field must not silently drop out of the model).
     */
    public double[] values(Map<String, ?> input, List<String> required) {
        Set<String> unknown = new TreeSet<>(input.keySet());
        unknown.removeAll(names());
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown clinical field(s) " + unknown + "; expected some of " + names());
        }
        List<String> missing = new ArrayList<>();
        for (String r : required) if (input.get(r) == null) missing.add(r);
        if (!missing.isEmpty()) {
            throw new InvalidInputException("missing clinical field(s) " + missing + "; this model needs " + required);
        }
        Map<String, Double> checked = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : input.entrySet()) {
            if (e.getValue() == null) continue;
            checked.put(e.getKey(), variable(e.getKey()).check(toDouble(e.getKey(), e.getValue())));
        }
        double[] out = new double[required.size()];
        for (int i = 0; i < out.length; i++) out[i] = checked.get(required.get(i));
        return out;
    }

    private static double toDouble(String name, Object value) {
        if (value instanceof Number n) return n.doubleValue();
        if (value instanceof Boolean b) return b ? 1 : 0;
        String s = value.toString().trim();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("clinical value '" + name + "' is not a number: '" + s + "'");
        }
    }
}
