package org.eusedge.training.learners;

/** Checks shared by the learners: a rectangular finite matrix, labels 0/1 of both classes. */
final class TrainingRows {
    private TrainingRows() {}

    /** Returns the number of features. */
    static int check(double[][] x, int[] y, String learner) {
        if (x == null || y == null) throw new IllegalArgumentException(learner + ": rows and labels must not be null");
        if (x.length != y.length) {
            throw new IllegalArgumentException(learner + ": " + x.length + " rows but " + y.length + " labels");
        }
        if (x.length == 0) throw new IllegalArgumentException(learner + ": no training rows");
        int p = x[0].length;
        if (p == 0) throw new IllegalArgumentException(learner + ": rows have no features");
        int positives = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException(learner + ": row " + i + " has " + x[i].length + " features, row 0 has " + p);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(learner + ": row " + i + " holds " + v + "; impute or drop it first");
                }
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException(learner + ": label of row " + i + " is " + y[i] + ", expected 0 or 1");
            }
            positives += y[i];
        }
        if (positives == 0 || positives == y.length) {
            throw new IllegalArgumentException(learner + ": the training rows hold only label " + y[0]
                    + "; a classifier needs both classes");
        }
        return p;
    }
}
