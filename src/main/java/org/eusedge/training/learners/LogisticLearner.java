package org.eusedge.training.learners;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.eusedge.model.learned.LinearLogistic;
import org.eusedge.model.learned.ScoreModel;

/**
 * scikit-learn's LogisticRegression() defaults: L2 penalty with C = 1 on the coefficients (not the intercept), i.e.
 * it minimises 0.5 |w|^2 + C * sum_i logloss_i. scikit-learn uses L-BFGS; this solves the same strictly convex
 * problem by damped Newton steps to a much tighter gradient, so both reach the same optimum (up to L-BFGS's tolerance).
 * commons-math3 has no penalised logistic regression (and org.eusedge.stats.LogisticRegression is unpenalised),
 * hence this class.
 */
public final class LogisticLearner implements Learner {
    private static final int MAX_ITERATIONS = 100;
    private static final double GRADIENT_TOLERANCE = 1e-10;

    private final double c;

    public LogisticLearner(double c) {
        if (!(c > 0)) throw new IllegalArgumentException("logistic regression needs C > 0, got " + c);
        this.c = c;
    }

    public LogisticLearner() {
        this(1.0);
    }

    @Override
    public String name() {
        return "LR";
    }

    @Override
    public ScoreModel fit(double[][] x, int[] y, long seed) {
        int p = TrainingRows.check(x, y, name());
        int d = p + 1; // parameter 0 is the intercept
        double[] beta = new double[d];
        double objective = objective(x, y, beta);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (int j = 1; j < d; j++) {
                grad[j] = beta[j];
                hess[j][j] = 1.0;
            }
            for (int i = 0; i < x.length; i++) {
                double prob = sigmoid(eta(x[i], beta));
                double r = c * (prob - y[i]);
                double w = c * prob * (1 - prob);
                grad[0] += r;
                hess[0][0] += w;
                for (int j = 0; j < p; j++) {
                    double xj = x[i][j];
                    grad[j + 1] += r * xj;
                    hess[0][j + 1] += w * xj;
                    for (int k = j; k < p; k++) hess[j + 1][k + 1] += w * xj * x[i][k];
                }
            }
            double maxGrad = 0;
            for (double g : grad) maxGrad = Math.max(maxGrad, Math.abs(g));
            if (maxGrad < GRADIENT_TOLERANCE) break;
            for (int j = 0; j < d; j++) for (int k = 0; k < j; k++) hess[j][k] = hess[k][j];
            RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(hess, false))
                    .getSolver().solve(new ArrayRealVector(grad, false));
            // halve the Newton step until the objective does not increase (always accepted near the optimum)
            double t = 1;
            double[] next = new double[d];
            double nextObjective;
            do {
                for (int j = 0; j < d; j++) next[j] = beta[j] - t * step.getEntry(j);
                nextObjective = objective(x, y, next);
                t /= 2;
            } while (nextObjective > objective && t > 1e-10);
            beta = next;
            objective = nextObjective;
        }
        double[] coef = new double[p];
        System.arraycopy(beta, 1, coef, 0, p);
        return new LinearLogistic(beta[0], coef);
    }

    private double objective(double[][] x, int[] y, double[] beta) {
        double penalty = 0;
        for (int j = 1; j < beta.length; j++) penalty += beta[j] * beta[j];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double e = eta(x[i], beta);
            // log(1 + exp(e)) - y e, stable for large |e|
            loss += (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - y[i] * e;
        }
        return 0.5 * penalty + c * loss;
    }

    private static double eta(double[] row, double[] beta) {
        double e = beta[0];
        for (int j = 0; j < row.length; j++) e += beta[j + 1] * row[j];
        return e;
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }
}
