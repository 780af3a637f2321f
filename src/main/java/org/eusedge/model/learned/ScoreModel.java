package org.eusedge.model.learned;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fitted binary classifier reduced to plain numbers: the appliance evaluates it in plain Java from the bundle's
 * JSON, without the library that trained it. Each kind is a small immutable record; the JSON names the kind in
 * {@code "kind"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SvmScore.class, name = "svm"),
        @JsonSubTypes.Type(value = LinearLogistic.class, name = "logistic"),
        @JsonSubTypes.Type(value = NearestNeighbours.class, name = "nearest_neighbours"),
        @JsonSubTypes.Type(value = TreeEnsemble.class, name = "tree_ensemble"),
        @JsonSubTypes.Type(value = Perceptron.class, name = "perceptron")})
public sealed interface ScoreModel permits SvmScore, LinearLogistic, NearestNeighbours, TreeEnsemble, Perceptron {

    /** Probability of the positive class (label 1) for one standardised feature row. */
    double probability(double[] x);

    /** Number of input features the model expects. */
    int dimension();

    /** Probabilities of many rows. */
    default double[] probabilities(double[][] rows) {
        double[] p = new double[rows.length];
        for (int i = 0; i < rows.length; i++) p[i] = probability(rows[i]);
        return p;
    }

    /** Refuses a row of the wrong width with a message that says what the model expects. */
    default void checkWidth(double[] x) {
        if (x == null || x.length != dimension()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " expects " + dimension()
                    + " features per row, got " + (x == null ? "null" : x.length));
        }
    }
}
