package org.eusedge.model;

import java.util.Objects;

/**
 * A trained binary RBF support-vector machine with Platt scaling, as plain arrays (auditable JSON in the bundle).
 * decision(x) = sum_i dualCoef[i] * exp(-gamma * |sv_i - x|^2) - rho, oriented so that a positive value favours the
 * positive class; probability(x) = 1 / (1 + exp(plattA * decision(x) + plattB)), as LIBSVM defines it.
 */
public record SvmModel(double gamma, double[][] supportVectors, double[] dualCoef, double rho, double plattA, double plattB) {

    public SvmModel {
        Objects.requireNonNull(supportVectors, "supportVectors");
        Objects.requireNonNull(dualCoef, "dualCoef");
        if (supportVectors.length != dualCoef.length) {
            throw new IllegalArgumentException("SVM has " + supportVectors.length + " support vectors but "
                    + dualCoef.length + " coefficients");
        }
        if (!(gamma > 0)) throw new IllegalArgumentException("SVM gamma must be > 0, got " + gamma);
    }

    public int dimension() {
        return supportVectors.length == 0 ? 0 : supportVectors[0].length;
    }

    public double decision(double[] x) {
        double sum = 0;
        for (int i = 0; i < supportVectors.length; i++) {
            sum += dualCoef[i] * kernel(supportVectors[i], x);
        }
        return sum - rho;
    }

    public double probability(double[] x) {
        return plattProbability(decision(x));
    }

    /** LIBSVM's numerically stable sigmoid_predict, clipped to [1e-7, 1 - 1e-7] as svm_predict_probability does. */
    public double plattProbability(double decision) {
        double f = decision * plattA + plattB;
        double p = f >= 0 ? Math.exp(-f) / (1.0 + Math.exp(-f)) : 1.0 / (1 + Math.exp(f));
        return Math.min(Math.max(p, MIN_PROB), 1 - MIN_PROB);
    }

    private static final double MIN_PROB = 1e-7;

    double kernel(double[] a, double[] b) {
        double d2 = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            d2 += d * d;
        }
        return Math.exp(-gamma * d2);
    }
}
