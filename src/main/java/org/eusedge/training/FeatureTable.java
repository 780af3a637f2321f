package org.eusedge.training;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One row per case: id, label (1 = positive class), split, clinical values (raw units, NaN = missing) and the pooled
 * backbone features. Its CSV is the reference harness's input format (columns id, label, split, the clinical
 * variables, f0..fN-1), so the independent Python/R pipeline can be run on exactly the features the trainer used.
 */
public record FeatureTable(List<String> ids, int[] labels, List<String> splits, List<String> clinicalNames,
                           double[][] clinical, List<String> featureNames, double[][] features) {

    private static final Pattern FEATURE = Pattern.compile("f\\d+");

    public FeatureTable {
        int n = ids.size();
        if (labels.length != n || splits.size() != n || clinical.length != n || features.length != n) {
            throw new IllegalArgumentException("feature table columns have different lengths");
        }
        ids = List.copyOf(ids);
        splits = List.copyOf(splits);
        clinicalNames = List.copyOf(clinicalNames);
        featureNames = List.copyOf(featureNames);
    }

    public int size() {
        return ids.size();
    }

    public static List<String> defaultFeatureNames(int dim) {
        List<String> names = new ArrayList<>(dim);
        for (int i = 0; i < dim; i++) names.add("f" + i);
        return names;
    }

    public FeatureTable withSplits(List<String> newSplits) {
        return new FeatureTable(ids, labels, newSplits, clinicalNames, clinical, featureNames, features);
    }

    public void writeCsv(Path file) {
        List<String> header = new ArrayList<>(List.of("id", "label", "split"));
        header.addAll(clinicalNames);
        header.addAll(featureNames);
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter out = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(w)) {
            for (int i = 0; i < size(); i++) {
                List<String> row = new ArrayList<>(header.size());
                row.add(ids.get(i));
                row.add(Integer.toString(labels[i]));
                row.add(splits.get(i));
                for (double v : clinical[i]) row.add(Double.isNaN(v) ? "" : Double.toString(v));
                // float features are written with float precision: exactly the values the backbone produced
                for (double v : features[i]) row.add(Float.toString((float) v));
                out.printRecord(row);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write feature table " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a feature table (the reference harness's format: label, split, clinical columns, features f0..fN-1 in
     * column order, optional id). {@code clinicalColumns} names the clinical variables to take.
     */
    public static FeatureTable readCsv(Path file, List<String> clinicalColumns) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("feature table " + file + " does not exist");
        try (Reader r = Files.newBufferedReader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            Map<String, Integer> header = csv.getHeaderMap();
            for (String c : List.of("label", "split")) {
                if (!header.containsKey(c)) throw new IllegalArgumentException("feature table " + file + " has no column '" + c + "'");
            }
            List<String> clinicalNames = clinicalColumns.stream().filter(header::containsKey).toList();
            List<String> featureNames = csv.getHeaderNames().stream().filter(h -> FEATURE.matcher(h).matches()).toList();
            if (featureNames.isEmpty()) {
                throw new IllegalArgumentException("feature table " + file + " has no feature columns named f0, f1, ...");
            }
            List<String> ids = new ArrayList<>();
            List<String> splits = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            List<double[]> clin = new ArrayList<>();
            List<double[]> feats = new ArrayList<>();
            for (CSVRecord rec : csv) {
                String where = file.getFileName() + " line " + (rec.getRecordNumber() + 1);
                ids.add(header.containsKey("id") ? rec.get("id") : Long.toString(rec.getRecordNumber()));
                String label = rec.get("label").trim();
                if (!label.equals("0") && !label.equals("1")) {
                    throw new IllegalArgumentException(where + ": label must be 0 or 1, got '" + label + "'");
                }
                labels.add(Integer.parseInt(label));
                splits.add(rec.get("split").trim());
                double[] c = new double[clinicalNames.size()];
                for (int j = 0; j < c.length; j++) {
                    String t = rec.get(clinicalNames.get(j)).trim();
                    c[j] = t.isEmpty() ? Double.NaN : parse(t, where, clinicalNames.get(j));
                }
                clin.add(c);
                double[] f = new double[featureNames.size()];
                for (int j = 0; j < f.length; j++) f[j] = parse(rec.get(featureNames.get(j)), where, featureNames.get(j));
                feats.add(f);
            }
            return new FeatureTable(ids, labels.stream().mapToInt(Integer::intValue).toArray(), splits, clinicalNames,
                    clin.toArray(double[][]::new), featureNames, feats.toArray(double[][]::new));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read feature table " + file + ": " + e.getMessage(), e);
        }
    }

    private static double parse(String t, String where, String column) {
        try {
            double v = Double.parseDouble(t.trim());
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": column " + column + " has '" + t + "', not a finite number");
        }
    }
}
