package org.eusedge.model.learned;

import java.util.List;
import java.util.Objects;

/**
 * Trees combined by one of two rules: {@link Combination#MEAN} (random forests: leaves hold the class-1 share of
 * their training rows; p = mean over trees) or {@link Combination#SIGMOID_OF_SUM} (gradient boosting: leaves hold
 * log-odds increments; p = sigmoid(baseMargin + sum over trees)).
 */
public record TreeEnsemble(int dimension, SplitRule splitRule, Combination combination, double baseMargin, List<Tree> trees)
        implements ScoreModel {

    public enum Combination { MEAN, SIGMOID_OF_SUM }

    public TreeEnsemble {
        Objects.requireNonNull(splitRule, "splitRule");
        Objects.requireNonNull(combination, "combination");
        trees = List.copyOf(trees);
        if (trees.isEmpty()) throw new IllegalArgumentException("a tree ensemble needs at least one tree");
        if (dimension < 1) throw new IllegalArgumentException("a tree ensemble needs dimension >= 1, got " + dimension);
        for (int t = 0; t < trees.size(); t++) {
            if (trees.get(t).featuresUsed() > dimension) {
                throw new IllegalArgumentException("tree " + t + " splits on feature " + (trees.get(t).featuresUsed() - 1)
                        + " but the ensemble has " + dimension + " features");
            }
        }
        if (combination == Combination.MEAN && baseMargin != 0) {
            throw new IllegalArgumentException("a MEAN ensemble has no base margin, got " + baseMargin);
        }
    }

    /** The raw combined output: mean leaf value (MEAN) or the log-odds margin (SIGMOID_OF_SUM). */
    public double margin(double[] x) {
        checkWidth(x);
        double sum = 0;
        for (Tree t : trees) sum += t.output(x, splitRule);
        return combination == Combination.MEAN ? sum / trees.size() : baseMargin + sum;
    }

    @Override
    public double probability(double[] x) {
        double m = margin(x);
        return combination == Combination.MEAN ? m : Sigmoid.of(m);
    }
}
