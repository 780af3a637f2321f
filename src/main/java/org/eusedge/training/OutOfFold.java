package org.eusedge.training;

import org.eusedge.model.learned.ScoreModel;
import org.eusedge.training.learners.Learner;

/** Out-of-fold predictions: each row scored by a model fitted on the other folds. */
final class OutOfFold {
    private OutOfFold() {}

    static double[] scores(double[][] x, int[] y, int[] folds, Learner learner, long seed) {
        int k = 0;
        for (int f : folds) k = Math.max(k, f);
        double[] out = new double[x.length];
        for (int fold = 1; fold <= k; fold++) {
            int nIn = 0;
            for (int f : folds) if (f != fold) nIn++;
            double[][] xf = new double[nIn][];
            int[] yf = new int[nIn];
            int m = 0;
            for (int i = 0; i < x.length; i++) {
                if (folds[i] != fold) { xf[m] = x[i]; yf[m++] = y[i]; }
            }
            ScoreModel model = learner.fit(xf, yf, seed);
            for (int i = 0; i < x.length; i++) if (folds[i] == fold) out[i] = model.probability(x[i]);
        }
        return out;
    }
}
