package org.eusedge.model.learned;

import java.util.Objects;

/** Logistic regression: p = 1 / (1 + exp(-(intercept + coefficients . x))). */
public record LinearLogistic(double intercept, double[] coefficients) implements ScoreModel {

    public LinearLogistic {
        Objects.requireNonNull(coefficients, "coefficients");
        coefficients = coefficients.clone();
    }

    public double linearPredictor(double[] x) {
        checkWidth(x);
        double eta = intercept;
        for (int j = 0; j < coefficients.length; j++) eta += coefficients[j] * x[j];
        return eta;
    }

    @Override
    public double probability(double[] x) {
        return Sigmoid.of(linearPredictor(x));
    }

    @Override
    public int dimension() {
        return coefficients.length;
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }
}
