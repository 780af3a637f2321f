package org.eusedge.training.learners;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eusedge.model.learned.ScoreModel;
import org.eusedge.model.learned.SplitRule;
import org.eusedge.model.learned.Tree;
import org.eusedge.model.learned.TreeEnsemble;

/**
 * scikit-learn's RandomForestClassifier() and ExtraTreesClassifier() defaults: 100 fully grown Gini trees, sqrt(p)
 * features tried per node; the forest draws a bootstrap sample per tree and the best thresholds, the extra trees use
 * all rows and random thresholds. p = mean over trees of the leaf's class-1 share. The random numbers differ from
 * scikit-learn's, so individual trees differ; the method is the same.
 */
public final class ForestLearner implements Learner {
    private final String name;
    private final int trees;
    private final boolean bootstrap;
    private final TreeGrower.Splitter splitter;

    private ForestLearner(String name, int trees, boolean bootstrap, TreeGrower.Splitter splitter) {
        if (trees < 1) throw new IllegalArgumentException(name + " needs at least 1 tree, got " + trees);
        this.name = name;
        this.trees = trees;
        this.bootstrap = bootstrap;
        this.splitter = splitter;
    }

    public static ForestLearner randomForest(int trees) {
        return new ForestLearner("RandomForest", trees, true, TreeGrower.Splitter.BEST);
    }

    public static ForestLearner extraTrees(int trees) {
        return new ForestLearner("ExtraTrees", trees, false, TreeGrower.Splitter.RANDOM);
    }

    @Override
    public String name() {
        return name;
    }

    public int trees() {
        return trees;
    }

    @Override
    public ScoreModel fit(double[][] x, int[] y, long seed) {
        int p = TrainingRows.check(x, y, name);
        int maxFeatures = Math.max(1, (int) Math.sqrt(p));
        SplittableRandom master = new SplittableRandom(seed);
        List<Tree> grown = new ArrayList<>(trees);
        for (int t = 0; t < trees; t++) {
            SplittableRandom random = master.split();
            int[] rows = new int[x.length];
            for (int i = 0; i < rows.length; i++) rows[i] = bootstrap ? random.nextInt(x.length) : i;
            grown.add(new TreeGrower(x, y, maxFeatures, splitter, random).grow(rows));
        }
        return new TreeEnsemble(p, SplitRule.LESS_OR_EQUAL, TreeEnsemble.Combination.MEAN, 0, grown);
    }
}
