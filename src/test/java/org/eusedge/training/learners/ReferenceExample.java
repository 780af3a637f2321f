package org.eusedge.training.learners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eusedge.testing.SharedData;

/**
 * The reference harness's example (synthetic cohort, seed 1): the model features of reference.json, z-scored with
 * the train rows' mean and population SD (README rule 1), train/test rows in file order, the exported 5-fold ids,
 * and the reference's score vectors.
 */
record ReferenceExample(double[][] xTrain, int[] yTrain, double[][] xTest, int[] yTest, int[] folds, JsonNode reference) {

    private static ReferenceExample cached;

    static synchronized ReferenceExample load() {
        if (cached == null) cached = read();
        return cached;
    }

    private static ReferenceExample read() {
        try {
            JsonNode ref = new ObjectMapper().readTree(SharedData.path("reference/example/reference.json").toFile());
            List<String> features = new ArrayList<>();
            ref.path("selection").path("model_features").forEach(f -> features.add(f.asText()));
            List<double[]> train = new ArrayList<>(), test = new ArrayList<>();
            List<Integer> yTrain = new ArrayList<>(), yTest = new ArrayList<>();
            try (Reader in = Files.newBufferedReader(SharedData.path("reference/example/synthetic_seed1.csv"))) {
                for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                    double[] row = new double[features.size()];
                    for (int j = 0; j < row.length; j++) row[j] = Double.parseDouble(r.get(features.get(j)));
                    boolean isTrain = r.get("split").equals("train");
                    (isTrain ? train : test).add(row);
                    (isTrain ? yTrain : yTest).add(Integer.parseInt(r.get("label")));
                }
            }
            double[][] xTrain = train.toArray(double[][]::new), xTest = test.toArray(double[][]::new);
            zScore(xTrain, xTest);
            int[] folds = new int[xTrain.length];
            for (int i = 0; i < folds.length; i++) folds[i] = ref.path("model_cv_fold").get(i).asInt();
            return new ReferenceExample(xTrain, ints(yTrain), xTest, ints(yTest), folds, ref);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the reference example: " + e.getMessage(), e);
        }
    }

    private static void zScore(double[][] train, double[][] test) {
        int p = train[0].length;
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (double[] r : train) mean += r[j];
            mean /= train.length;
            double ss = 0;
            for (double[] r : train) ss += (r[j] - mean) * (r[j] - mean);
            double sd = Math.sqrt(ss / train.length);
            if (sd == 0) sd = 1;
            for (double[] r : train) r[j] = (r[j] - mean) / sd;
            for (double[] r : test) r[j] = (r[j] - mean) / sd;
        }
    }

    private static int[] ints(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A reference score vector, e.g. scores("KNN", "oof"). */
    double[] scores(String model, String set) {
        JsonNode a = reference.path("scores").path(model).path(set);
        if (!a.isArray()) throw new IllegalArgumentException("reference has no scores." + model + "." + set);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }

    double modelNumber(String model, String key) {
        JsonNode v = reference.path("models").path(model).path(key);
        if (!v.isNumber()) throw new IllegalArgumentException("reference has no models." + model + "." + key);
        return v.asDouble();
    }
}
