package org.eusedge.training.learners;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eusedge.model.learned.ScoreModel;
import org.eusedge.model.learned.SplitRule;
import org.eusedge.model.learned.Tree;
import org.eusedge.model.learned.TreeEnsemble;

/**
 * Reads LightGBM's text model (the format of LGBM_BoosterSaveModelToString) of a binary model with numerical splits
 * into a {@link TreeEnsemble}: internal nodes keep their indices, leaf l becomes node (numLeaves - 1 + l), fval &lt;=
 * threshold goes left, p = sigmoid(sum of leaf values) (the starting score is folded into the first tree).
 */
final class LightGbmModelText {
    private static final int CATEGORICAL_BIT = 1;
    private static final int MISSING_TYPE_SHIFT = 2;
    private static final int MISSING_ZERO = 1;

    private LightGbmModelText() {}

    static ScoreModel parse(String text, int dimension) {
        Map<String, String> header = new HashMap<>();
        List<Map<String, String>> trees = new ArrayList<>();
        Map<String, String> current = header;
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.equals("end of trees")) break;
            if (line.startsWith("Tree=")) {
                current = new HashMap<>();
                trees.add(current);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) current.put(line.substring(0, eq), line.substring(eq + 1));
        }
        String objective = header.getOrDefault("objective", "");
        if (!objective.startsWith("binary") || !objective.contains("sigmoid:1")) {
            throw new IllegalStateException("LightGBM model objective is '" + objective
                    + "'; only 'binary sigmoid:1' can be exported");
        }
        if (trees.isEmpty()) throw new IllegalStateException("LightGBM model holds no trees");
        List<Tree> out = new ArrayList<>();
        for (Map<String, String> t : trees) out.add(tree(t));
        return new TreeEnsemble(dimension, SplitRule.LESS_OR_EQUAL, TreeEnsemble.Combination.SIGMOID_OF_SUM, 0, out);
    }

    private static Tree tree(Map<String, String> t) {
        int leaves = Integer.parseInt(required(t, "num_leaves"));
        double[] leafValue = doubles(required(t, "leaf_value"));
        if (leaves == 1) {
            return new Tree(new int[] {0}, new double[] {0}, new int[] {-1}, new int[] {-1}, new double[] {leafValue[0]});
        }
        int internal = leaves - 1;
        int[] splitFeature = ints(required(t, "split_feature"));
        double[] threshold = doubles(required(t, "threshold"));
        int[] decision = ints(required(t, "decision_type"));
        int[] leftChild = ints(required(t, "left_child"));
        int[] rightChild = ints(required(t, "right_child"));
        int n = internal + leaves;
        int[] feature = new int[n], left = new int[n], right = new int[n];
        double[] thr = new double[n], value = new double[n];
        for (int i = 0; i < internal; i++) {
            if ((decision[i] & CATEGORICAL_BIT) != 0) {
                throw new IllegalStateException("LightGBM tree has a categorical split; only numerical splits can be exported");
            }
            if (((decision[i] >> MISSING_TYPE_SHIFT) & 3) == MISSING_ZERO) {
                throw new IllegalStateException("LightGBM tree treats zero as missing; train with zero_as_missing=false");
            }
            feature[i] = splitFeature[i];
            thr[i] = threshold[i];
            left[i] = node(leftChild[i], internal);
            right[i] = node(rightChild[i], internal);
        }
        for (int l = 0; l < leaves; l++) {
            left[internal + l] = -1;
            right[internal + l] = -1;
            value[internal + l] = leafValue[l];
        }
        return new Tree(feature, thr, left, right, value);
    }

    /** LightGBM codes leaf l as the child index ~l (negative). */
    private static int node(int child, int internal) {
        return child >= 0 ? child : internal + ~child;
    }

    private static String required(Map<String, String> t, String key) {
        String v = t.get(key);
        if (v == null) throw new IllegalStateException("LightGBM tree lacks '" + key + "'");
        return v;
    }

    private static int[] ints(String s) {
        String[] parts = s.trim().split(" ");
        int[] out = new int[parts.length];
        for (int i = 0; i < out.length; i++) out[i] = Integer.parseInt(parts[i]);
        return out;
    }

    private static double[] doubles(String s) {
        String[] parts = s.trim().split(" ");
        double[] out = new double[parts.length];
        for (int i = 0; i < out.length; i++) out[i] = Double.parseDouble(parts[i]);
        return out;
    }
}
