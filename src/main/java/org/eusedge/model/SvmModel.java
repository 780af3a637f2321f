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

    /** LIBSVM's numerically stable sigmoid_predict. */
    public double plattProbability(double decision) {
        double f = decision * plattA + plattB;
        return f >= 0 ? Math.exp(-f) / (1.0 + Math.exp(-f)) : 1.0 / (1 + Math.exp(f));
    }

    double kernel(double[] a, double[] b) {
        double d2 = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            d2 += d * d;
        }
        return Math.exp(-gamma * d2);
    }
}
