package org.eusedge.training.learners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.eusedge.model.learned.ScoreModel;
import org.eusedge.model.learned.SplitRule;
import org.eusedge.model.learned.Tree;
import org.eusedge.model.learned.TreeEnsemble;

/**
 * XGBoost through xgboost4j with the reference's XGBClassifier(xgboost 1.7.4) defaults: binary:logistic, 100 rounds,
 * max_depth 6, eta 0.3, tree_method exact, base_score 0.5, one thread. The booster's JSON model is turned into a
 * {@link TreeEnsemble} (sum of leaves plus the base margin logit(base_score), then the sigmoid), so scoring needs no
 * XGBoost library.
 */
public final class XgBoostLearner implements Learner {
    private final int rounds;

    public XgBoostLearner(int rounds) {
        if (rounds < 1) throw new IllegalArgumentException("XGBoost needs at least 1 round, got " + rounds);
        this.rounds = rounds;
    }

    public XgBoostLearner() {
        this(100);
    }

    @Override
    public String name() {
        return "XGBoost";
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            new DMatrix(new float[] {0f}, 1, 1, Float.NaN).dispose();
            return Optional.empty();
        } catch (XGBoostError | LinkageError e) {
            return Optional.of("XGBoost native library could not be loaded: " + e);
        }
    }

    @Override
    public ScoreModel fit(double[][] x, int[] y, long seed) {
        int p = TrainingRows.check(x, y, name());
        Booster booster = train(x, y, seed);
        try {
            return export(booster, p);
        } finally {
            booster.dispose();
        }
    }

    Booster train(double[][] x, int[] y, long seed) {
        try {
            DMatrix data = matrix(x);
            try {
                float[] labels = new float[y.length];
                for (int i = 0; i < y.length; i++) labels[i] = y[i];
                data.setLabel(labels);
                Map<String, Object> params = new HashMap<>();
                params.put("objective", "binary:logistic");
                params.put("max_depth", 6);
                params.put("eta", 0.3);
                params.put("tree_method", "exact");
                params.put("base_score", 0.5);
                params.put("nthread", 1);
                params.put("seed", seed);
                params.put("verbosity", 0);
                return XGBoost.train(data, params, rounds, Map.of(), null, null);
            } finally {
                data.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    /** The library's own probabilities, to check the export against. */
    static double[] libraryProbabilities(Booster booster, double[][] x) {
        try {
            DMatrix data = matrix(x);
            try {
                float[][] pred = booster.predict(data);
                double[] out = new double[x.length];
                for (int i = 0; i < out.length; i++) out[i] = pred[i][0];
                return out;
            } finally {
                data.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    private static DMatrix matrix(double[][] x) throws XGBoostError {
        int p = x[0].length;
        float[] flat = new float[x.length * p];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < p; j++) flat[i * p + j] = (float) x[i][j];
        return new DMatrix(flat, x.length, p, Float.NaN);
    }

    /**
     * Reads the booster's JSON model (format "json": learner.gradient_booster.model.trees[] with left_children,
     * right_children, split_indices, split_conditions; a leaf's value is its split_condition; base_score is a
     * probability).
     */
    static TreeEnsemble export(Booster booster, int dimension) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(booster.toByteArray("json"));
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException("XGBoost model could not be exported as JSON: " + e.getMessage(), e);
        }
        JsonNode learner = root.path("learner");
        double baseScore = parseBaseScore(learner.path("learner_model_param").path("base_score").asText());
        List<Tree> trees = new ArrayList<>();
        for (JsonNode t : learner.path("gradient_booster").path("model").path("trees")) {
            int[] left = ints(t.path("left_children"));
            int[] right = ints(t.path("right_children"));
            int[] feature = ints(t.path("split_indices"));
            double[] cond = doubles(t.path("split_conditions"));
            int n = left.length;
            double[] threshold = new double[n], value = new double[n];
            for (int i = 0; i < n; i++) {
                if (left[i] == -1) {
                    value[i] = cond[i];
                    feature[i] = 0;
                    right[i] = -1;
                } else {
                    threshold[i] = cond[i];
                }
            }
            trees.add(new Tree(feature, threshold, left, right, value));
        }
        if (trees.isEmpty()) throw new IllegalStateException("XGBoost JSON model holds no trees");
        double margin = Math.log(baseScore / (1 - baseScore));
        return new TreeEnsemble(dimension, SplitRule.LESS_THAN_FLOAT32, TreeEnsemble.Combination.SIGMOID_OF_SUM, margin, trees);
    }

    /** XGBoost 2+ writes base_score as "5E-1" or as a one-element vector "[5E-1]". */
    static double parseBaseScore(String text) {
        String s = text.replace("[", "").replace("]", "").trim();
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("XGBoost base_score '" + text + "' is not a number", e);
        }
        if (!(v > 0 && v < 1)) throw new IllegalStateException("XGBoost base_score " + v + " is not a probability");
        return v;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).asDouble();
        return out;
    }
}
