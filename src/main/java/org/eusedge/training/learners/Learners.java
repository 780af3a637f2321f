package org.eusedge.training.learners;

import java.util.List;

/** The eight learners of the method, with the reference's defaults, and their tie-break order. */
public final class Learners {
    /** Ties of mean CV AUC go to the earlier name (the reference's order, LightGBM in GradientBoosting's place). */
    public static final List<String> ORDER =
            List.of("SVM", "LR", "RandomForest", "ExtraTrees", "KNN", "MLP", "XGBoost", "LightGBM");

    private Learners() {}

    /** All eight at the library defaults the reference used (100 trees, 200 MLP epochs, ...), in {@link #ORDER}. */
    public static List<Learner> defaults() {
        return List.of(new SvmLearner(), new LogisticLearner(), ForestLearner.randomForest(100),
                ForestLearner.extraTrees(100), new KnnLearner(), new MlpLearner(), new XgBoostLearner(),
                new LightGbmLearner());
    }
}
