package org.eusedge.explain;

/**
 * A model evaluated on many rows at once: out[i] = f(rows[i]) for i < count. The rows array and its row arrays are
 * reused between calls, so an implementation must not keep them.
 */
@FunctionalInterface
public interface BatchModel {
    void predict(double[][] rows, int count, double[] out);
}
