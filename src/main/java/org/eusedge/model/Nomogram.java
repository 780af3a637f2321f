package org.eusedge.model;

import java.util.List;

/**
 * Logistic regression on the two signatures, with the points scale of R rms's nomogram():
 * points_v(x) = pointsPerLpUnit * (beta_v * x - axisMinXBeta_v); the predictor with the widest axis range of
 * beta * x spans 100 points; total points -> linear predictor lp = lpAtZeroPoints + total / pointsPerLpUnit
 * -> probability plogis(lp).
 */
public record Nomogram(List<String> predictors, double intercept, double[] beta, double[] axisMin, double[] axisMax,
                       double pointsPerLpUnit) {

    public Nomogram {
        predictors = List.copyOf(predictors);
        if (beta.length != predictors.size() || axisMin.length != beta.length || axisMax.length != beta.length) {
            throw new BundleException("nomogram is inconsistent: " + predictors.size() + " predictors, "
                    + beta.length + " coefficients");
        }
    }

    /** rms: sc = 100 / max over predictors of |beta| * (axis max - axis min). */
    public static Nomogram of(List<String> predictors, double intercept, double[] beta, double[] axisMin, double[] axisMax) {
        double widest = 0;
        for (int i = 0; i < beta.length; i++) widest = Math.max(widest, Math.abs(beta[i]) * (axisMax[i] - axisMin[i]));
        if (!(widest > 0)) throw new IllegalArgumentException("nomogram has no predictor with an effect");
        return new Nomogram(predictors, intercept, beta, axisMin, axisMax, 100.0 / widest);
    }

    /** The lower end of predictor i's axis in beta * x (rms: the axis starts at the smaller of the two ends). */
    public double axisMinXBeta(int i) {
        return Math.min(beta[i] * axisMin[i], beta[i] * axisMax[i]);
    }

    public double[] points(double[] x) {
        double[] p = new double[beta.length];
        for (int i = 0; i < beta.length; i++) p[i] = pointsPerLpUnit * (beta[i] * x[i] - axisMinXBeta(i));
        return p;
    }

    public double lpAtZeroPoints() {
        double lp = intercept;
        for (int i = 0; i < beta.length; i++) lp += axisMinXBeta(i);
        return lp;
    }

    public double probabilityOfTotal(double totalPoints) {
        return plogis(lpAtZeroPoints() + totalPoints / pointsPerLpUnit);
    }

    public double probability(double[] x) {
        double lp = intercept;
        for (int i = 0; i < beta.length; i++) lp += beta[i] * x[i];
        return plogis(lp);
    }

    static double plogis(double lp) {
        return lp >= 0 ? 1 / (1 + Math.exp(-lp)) : Math.exp(lp) / (1 + Math.exp(lp));
    }
}
