package org.eusedge.explain;

/**
 * Evaluates the model for KernelSHAP: at single rows, and as v(S) = sum_r w_r f(x on S, background row r elsewhere)
 * for many coalitions S at once. The generic implementation builds the masked rows; a model with structure (the RBF
 * SVM) can compute the same numbers without building them.
 */
interface CoalitionEvaluator {

    double value(double[] row);

    /**
     * @param varying the feature indices the masks refer to (mask[j] is about feature varying[j])
     * @param ey      receives v(S) for masks[0 .. count-1]
     */
    void expectations(double[] x, int[] varying, boolean[][] masks, int count, double[][] background,
                      double[] weights, double[] ey);

    /** The generic evaluator: builds the masked rows and hands them to the model in batches. */
    static CoalitionEvaluator rows(BatchModel model) {
        return new CoalitionEvaluator() {
            private static final int ROWS_PER_BATCH = 1024;

            @Override
            public double value(double[] row) {
                double[] out = new double[1];
                model.predict(new double[][] {row.clone()}, 1, out);
                return out[0];
            }

            @Override
            public void expectations(double[] x, int[] varying, boolean[][] masks, int count, double[][] background,
                                     double[] weights, double[] ey) {
                int n = background.length;
                int perBatch = Math.max(1, ROWS_PER_BATCH / n);
                double[][] rows = new double[perBatch * n][x.length];
                double[] out = new double[perBatch * n];
                for (int first = 0; first < count; first += perBatch) {
                    int batch = Math.min(perBatch, count - first);
                    for (int c = 0; c < batch; c++) {
                        boolean[] mask = masks[first + c];
                        for (int r = 0; r < n; r++) {
                            double[] row = rows[c * n + r];
                            System.arraycopy(background[r], 0, row, 0, row.length);
                            for (int j = 0; j < varying.length; j++) {
                                if (mask[j]) row[varying[j]] = x[varying[j]];
                            }
                        }
                    }
                    model.predict(rows, batch * n, out);
                    for (int c = 0; c < batch; c++) {
                        double e = 0;
                        for (int r = 0; r < n; r++) e += weights[r] * out[c * n + r];
                        ey[first + c] = e;
                    }
                }
            }
        };
    }
}
