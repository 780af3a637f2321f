package org.eusedge.training.learners;

import org.eusedge.model.learned.NearestNeighbours;
import org.eusedge.model.learned.ScoreModel;

/** scikit-learn's KNeighborsClassifier() defaults: k = 5, uniform weights, Euclidean distance. */
public final class KnnLearner implements Learner {
    private final int k;

    public KnnLearner(int k) {
        if (k < 1) throw new IllegalArgumentException("KNN needs k >= 1, got " + k);
        this.k = k;
    }

    public KnnLearner() {
        this(5);
    }

    @Override
    public String name() {
        return "KNN";
    }

    @Override
    public ScoreModel fit(double[][] x, int[] y, long seed) {
        TrainingRows.check(x, y, name());
        if (x.length < k) throw new IllegalArgumentException("KNN with k = " + k + " needs at least " + k + " rows, got " + x.length);
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) rows[i] = x[i].clone();
        return new NearestNeighbours(k, rows, y.clone());
    }
}
