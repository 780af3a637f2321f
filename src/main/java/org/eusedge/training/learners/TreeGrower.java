package org.eusedge.training.learners;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eusedge.model.learned.Tree;

/**
 * Grows one fully grown Gini classification tree as scikit-learn's DecisionTreeClassifier does inside its forests
 * (max_depth None, min_samples_split 2, min_samples_leaf 1, max_features features tried per node, constant features
 * not counted): either the best threshold per tried feature (midpoints between sorted distinct values, random
 * forests) or one uniformly drawn threshold per tried feature (extremely randomised trees). Leaves hold the share of
 * label 1 among their rows. Written here because the tree libraries on Maven Central either are GPL (Smile) or keep
 * their trees in internal classes that would need their jar at scoring time; this grower emits {@link Tree} arrays
 * directly. Rows may repeat (a bootstrap sample): a repeat counts as a sample weight, as in scikit-learn.
 */
final class TreeGrower {
    enum Splitter { BEST, RANDOM }

    private final double[][] x;
    private final int[] y;
    private final int maxFeatures;
    private final Splitter splitter;
    private final SplittableRandom random;

    private final List<int[]> nodes = new ArrayList<>(); // feature, left, right
    private final List<double[]> nodeValues = new ArrayList<>(); // threshold, leaf value

    TreeGrower(double[][] x, int[] y, int maxFeatures, Splitter splitter, SplittableRandom random) {
        this.x = x;
        this.y = y;
        this.maxFeatures = maxFeatures;
        this.splitter = splitter;
        this.random = random;
    }

    Tree grow(int[] rows) {
        grow(rows.clone(), 0, rows.length);
        int n = nodes.size();
        int[] feature = new int[n], left = new int[n], right = new int[n];
        double[] threshold = new double[n], value = new double[n];
        for (int i = 0; i < n; i++) {
            feature[i] = nodes.get(i)[0];
            left[i] = nodes.get(i)[1];
            right[i] = nodes.get(i)[2];
            threshold[i] = nodeValues.get(i)[0];
            value[i] = nodeValues.get(i)[1];
        }
        return new Tree(feature, threshold, left, right, value);
    }

    /** Grows the subtree of rows[from, to) and returns its node id; children always get larger ids. */
    private int grow(int[] rows, int from, int to) {
        int id = nodes.size();
        int positives = 0;
        for (int i = from; i < to; i++) positives += y[rows[i]];
        int n = to - from;
        nodes.add(new int[] {0, -1, -1});
        nodeValues.add(new double[] {0, positives / (double) n});
        if (positives == 0 || positives == n || n < 2) return id;
        Split split = findSplit(rows, from, to, positives);
        if (split == null) return id;
        int mid = partition(rows, from, to, split.feature, split.threshold);
        int l = grow(rows, from, mid);
        int r = grow(rows, mid, to);
        nodes.set(id, new int[] {split.feature, l, r});
        nodeValues.get(id)[0] = split.threshold;
        return id;
    }

    private record Split(int feature, double threshold, double score) {}

    private Split findSplit(int[] rows, int from, int to, int positives) {
        int p = x[0].length;
        int[] features = new int[p];
        for (int j = 0; j < p; j++) features[j] = j;
        Split best = null;
        int tried = 0;
        for (int k = 0; k < p && tried < maxFeatures; k++) {
            int swap = k + random.nextInt(p - k);
            int f = features[swap];
            features[swap] = features[k];
            features[k] = f;
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double v = x[rows[i]][f];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (!(max > min)) continue; // constant here: does not count as tried
            tried++;
            Split s = splitter == Splitter.BEST
                    ? bestThreshold(rows, from, to, f, positives)
                    : randomThreshold(rows, from, to, f, positives, min, max);
            if (s != null && (best == null || s.score > best.score)) best = s;
        }
        return best;
    }

    /** Score = sum over children of (n0^2 + n1^2) / n: larger is a lower weighted Gini impurity. */
    private static double score(int nLeft, int posLeft, int nRight, int posRight) {
        double l = ((double) posLeft * posLeft + (double) (nLeft - posLeft) * (nLeft - posLeft)) / nLeft;
        double r = ((double) posRight * posRight + (double) (nRight - posRight) * (nRight - posRight)) / nRight;
        return l + r;
    }

    private Split bestThreshold(int[] rows, int from, int to, int f, int positives) {
        int n = to - from;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = rows[from + i];
        java.util.Arrays.sort(order, (a, b) -> Double.compare(x[a][f], x[b][f]));
        Split best = null;
        int posLeft = 0;
        for (int i = 0; i < n - 1; i++) {
            posLeft += y[order[i]];
            double v = x[order[i]][f], next = x[order[i + 1]][f];
            if (next <= v) continue; // no threshold between equal values
            double s = score(i + 1, posLeft, n - i - 1, positives - posLeft);
            if (best == null || s > best.score) {
                double t = v / 2.0 + next / 2.0;
                if (t == next) t = v; // scikit-learn's guard when the midpoint rounds up to the larger value
                best = new Split(f, t, s);
            }
        }
        return best;
    }

    private Split randomThreshold(int[] rows, int from, int to, int f, int positives, double min, double max) {
        double t = min + random.nextDouble() * (max - min);
        if (t == max) t = min;
        int nLeft = 0, posLeft = 0;
        for (int i = from; i < to; i++) {
            if (x[rows[i]][f] <= t) {
                nLeft++;
                posLeft += y[rows[i]];
            }
        }
        int n = to - from;
        if (nLeft == 0 || nLeft == n) return null;
        return new Split(f, t, score(nLeft, posLeft, n - nLeft, positives - posLeft));
    }

    private int partition(int[] rows, int from, int to, int f, double t) {
        int i = from, j = to - 1;
        while (i <= j) {
            if (x[rows[i]][f] <= t) {
                i++;
            } else {
                int tmp = rows[i];
                rows[i] = rows[j];
                rows[j--] = tmp;
            }
        }
        return i;
    }
}
