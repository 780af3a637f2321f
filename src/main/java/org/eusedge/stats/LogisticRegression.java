package org.eusedge.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RRQRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Unpenalised logistic regression with intercept by Newton-Raphson, following statsmodels {@code Logit.fit()}:
 * start at 0, at most 35 iterations, stop when no coefficient moves by more than 1e-8, a 1e-10 ridge on the
 * scaled Hessian during the iterations only; Wald standard errors from the inverse of X'WX at the final
 * coefficients. commons-math3 has no logistic regression, hence this class.
 */
public final class LogisticRegression {
    public static final int MAX_ITERATIONS = 35;
    public static final double TOLERANCE = 1e-8;
    /** qnorm(0.975) as the reference writes it for the Wald OR interval. */
    public static final double Z_975 = 1.959964;
    private static final double RIDGE = 1e-10;
    private static final double RANK_TOLERANCE = 1e-10;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private LogisticRegression() {}

    /**
     * Fits y ~ 1 + x. {@code x[i]} is case i, with one value per entry of {@code names}. Bad input (length
     * mismatch, NaN, labels other than 0/1, a single class) throws; a model that cannot be estimated (perfect
     * separation, singular design) returns {@link LogisticFit.Failed}.
     */
    public static LogisticFit fit(double[][] x, int[] y, String[] names) {
        int n = checkInput(x, y, names);
        int p = names.length + 1;
        double[][] design = new double[n][p];
        for (int i = 0; i < n; i++) {
            design[i][0] = 1;
            System.arraycopy(x[i], 0, design[i], 1, p - 1);
        }
        String singular = rankProblem(design, names);
        if (singular != null) return new LogisticFit.Failed(singular);

        double[] beta = new double[p];
        double[] previous = new double[p];
        Arrays.fill(previous, Double.POSITIVE_INFINITY);
        int iterations = 0;
        while (iterations < MAX_ITERATIONS && maxAbsDifference(beta, previous) > TOLERANCE) {
            double[] mu = probabilities(design, beta);
            double[][] h = information(design, mu);
            double[] score = new double[p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) score[j] += design[i][j] * (y[i] - mu[i]);
            }
            for (int j = 0; j < p; j++) {
                score[j] /= n;
                for (int k = 0; k < p; k++) h[j][k] /= n;
                h[j][j] += RIDGE;
            }
            double[] step;
            try {
                step = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-300, 1e-300)
                        .getSolver().solve(new ArrayRealVector(score, false)).toArray();
            } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
                return new LogisticFit.Failed("singular Hessian at Newton iteration " + (iterations + 1)
                        + ": the fitted probabilities are all 0 or 1 (separation)");
            }
            previous = beta;
            beta = beta.clone();
            for (int j = 0; j < p; j++) beta[j] += step[j];
            iterations++;
            for (double b : beta) {
                if (!Double.isFinite(b)) {
                    return new LogisticFit.Failed("coefficients diverged to " + Arrays.toString(beta)
                            + " at Newton iteration " + iterations + " (separation)");
                }
            }
            if (perfectlyPredicted(probabilities(design, beta), y)) {
                return new LogisticFit.Failed("perfect separation: every fitted probability equals its label within 1e-8"
                        + " after " + iterations + " Newton iterations; the predictors " + List.of(names)
                        + " separate the classes and no finite maximum-likelihood estimate exists");
            }
        }
        double[] mu = probabilities(design, beta);
        RealMatrix cov;
        try {
            cov = new CholeskyDecomposition(new Array2DRowRealMatrix(information(design, mu), false), 1e-300, 1e-300)
                    .getSolver().getInverse();
        } catch (NonPositiveDefiniteMatrixException e) {
            return new LogisticFit.Failed("singular Hessian at the final coefficients: the fitted probabilities are"
                    + " numerically 0 or 1 (quasi-separation)");
        }
        List<LogisticFit.Term> terms = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            double b = beta[j];
            double se = Math.sqrt(cov.getEntry(j, j));
            double z = b / se;
            double pValue = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
            terms.add(new LogisticFit.Term(j == 0 ? LogisticFit.INTERCEPT : names[j - 1], b, se, z, pValue,
                    Math.exp(b), Math.exp(b - Z_975 * se), Math.exp(b + Z_975 * se)));
        }
        return new LogisticFit.Fitted(terms, iterations < MAX_ITERATIONS, iterations, logLikelihood(mu, y), n);
    }

    /** The logistic function 1 / (1 + exp(-t)). */
    public static double logistic(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    private static int checkInput(double[][] x, int[] y, String[] names) {
        if (x == null || y == null || names == null) {
            throw new IllegalArgumentException("x, y and names must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but there are " + y.length
                    + " labels: pass one row per case");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != names.length) {
                throw new IllegalArgumentException("row " + i + " of x has " + x[i].length + " values but "
                        + names.length + " names were given " + List.of(names));
            }
            Inputs.finite(x[i], "x[" + i + "]");
        }
        Inputs.labels(y);
        Inputs.bothClasses(y, "logistic regression");
        if (x.length <= names.length + 1) {
            throw new IllegalArgumentException(x.length + " cases cannot estimate " + (names.length + 1)
                    + " coefficients: use more cases or fewer predictors");
        }
        return x.length;
    }

    /** Null when the design has full column rank, else which column makes it singular. */
    private static String rankProblem(double[][] design, String[] names) {
        int n = design.length, p = design[0].length;
        double[][] scaled = new double[n][p];
        for (int j = 0; j < p; j++) {
            double norm = 0;
            for (double[] row : design) norm += row[j] * row[j];
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) scaled[i][j] = norm == 0 ? 0 : design[i][j] / norm;
        }
        for (int k = 1; k <= p; k++) {
            RealMatrix first = new Array2DRowRealMatrix(scaled, false).getSubMatrix(0, n - 1, 0, k - 1);
            if (new RRQRDecomposition(first, RANK_TOLERANCE).getRank(RANK_TOLERANCE) < k) {
                String column = k == 1 ? "the intercept" : "'" + names[k - 2] + "'";
                return "singular design: " + column + " is constant or a linear combination of the columns before it"
                        + " (intercept" + (k > 2 ? ", " + String.join(", ", List.of(names).subList(0, k - 2)) : "")
                        + "); drop that predictor";
            }
        }
        return null;
    }

    private static double[] probabilities(double[][] design, double[] beta) {
        double[] mu = new double[design.length];
        for (int i = 0; i < design.length; i++) {
            double t = 0;
            for (int j = 0; j < beta.length; j++) t += design[i][j] * beta[j];
            mu[i] = logistic(t);
        }
        return mu;
    }

    /** X'WX with W = mu (1 - mu). */
    private static double[][] information(double[][] design, double[] mu) {
        int p = design[0].length;
        double[][] h = new double[p][p];
        for (int i = 0; i < design.length; i++) {
            double w = mu[i] * (1 - mu[i]);
            for (int j = 0; j < p; j++) {
                double a = w * design[i][j];
                for (int k = 0; k <= j; k++) h[j][k] += a * design[i][k];
            }
        }
        for (int j = 0; j < p; j++) for (int k = j + 1; k < p; k++) h[j][k] = h[k][j];
        return h;
    }

    /** statsmodels' perfect-prediction check: np.allclose(fitted - y, 0). */
    private static boolean perfectlyPredicted(double[] mu, int[] y) {
        for (int i = 0; i < mu.length; i++) if (Math.abs(mu[i] - y[i]) > 1e-8) return false;
        return true;
    }

    private static double logLikelihood(double[] mu, int[] y) {
        double ll = 0;
        for (int i = 0; i < mu.length; i++) ll += y[i] == 1 ? Math.log(mu[i]) : Math.log1p(-mu[i]);
        return ll;
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (!(d <= m)) m = d;
        }
        return m;
    }
}
