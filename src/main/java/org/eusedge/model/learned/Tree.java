package org.eusedge.model.learned;

import java.util.Objects;

/**
 * One binary decision tree as parallel node arrays. Node 0 is the root. A node with left[i] = -1 is a leaf whose
 * output is value[i]; any other node sends x to left[i] when x[feature[i]] passes the ensemble's {@link SplitRule}
 * against threshold[i], else to right[i].
 */
public record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {

    public Tree {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(value, "value");
        int n = feature.length;
        if (n == 0 || threshold.length != n || left.length != n || right.length != n || value.length != n) {
            throw new IllegalArgumentException("tree node arrays must be non-empty and of one length, got feature "
                    + n + ", threshold " + threshold.length + ", left " + left.length + ", right " + right.length
                    + ", value " + value.length);
        }
        for (int i = 0; i < n; i++) {
            if (left[i] == -1) continue;
            // children come after their parent in every exporter here, which also rules out cycles
            if (left[i] <= i || left[i] >= n || right[i] <= i || right[i] >= n) {
                throw new IllegalArgumentException("tree node " + i + " has children " + left[i] + ", " + right[i]
                        + ": they must be later nodes in 0.." + (n - 1));
            }
        }
    }

    /** Number of features this tree reads: 1 + the largest feature index of a split node. */
    int featuresUsed() {
        int max = -1;
        for (int i = 0; i < feature.length; i++) if (left[i] != -1) max = Math.max(max, feature[i]);
        return max + 1;
    }

    double output(double[] x, SplitRule rule) {
        int i = 0;
        while (left[i] != -1) {
            i = rule.goesLeft(x[feature[i]], threshold[i]) ? left[i] : right[i];
        }
        return value[i];
    }
}
