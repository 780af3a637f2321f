package org.eusedge.training.selection;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * LASSO with the penalty chosen by K-fold cross-validation, with exactly the semantics of scikit-learn's
 * {@code LassoCV} defaults (fit_intercept=True, eps=1e-3, n_alphas=100, max_iter=1000, tol=1e-4, cyclic,
 * precompute='auto'): a grid of 100 alphas log-spaced from alpha_max = max|Xc'yc|/n (the smallest alpha that zeroes
 * every coefficient, on all rows centred) down to 1e-3 alpha_max; per fold, X and y centred with the training-fold
 * means and the whole grid solved by warm-started coordinate descent (on X'X when the fold has more rows than
 * features, as 'auto' does), validation MSE with intercept = mean(y) - mean(X)'w; alpha_ = first minimum of the
 * fold-averaged MSE; final cold-start refit on all rows at alpha_ without the Gram matrix (as LassoCV refits).
 * Objective per alpha: (1 / 2n) ||y - Xw - b||^2 + alpha ||w||_1. Written here: no Java library offers it.
 */
public final class LassoCv {
    private LassoCv() {}

    public static final double EPS = 1e-3;
    public static final int N_ALPHAS = 100;
    public static final int MAX_ITER = 1000;
    public static final double TOL = 1e-4;

    public static LassoFit fit(double[][] x, double[] y, int[] folds) {
        return fit(x, y, folds, done -> { });
    }

    /**
     * @param x        rows x features (the z-scores of the candidate features)
     * @param y        response per row (the 0/1 label as a number)
     * @param folds    validation fold of each row, 1..K (K = the largest id; every fold non-empty)
     * @param progress told the number of folds finished so far (1..K) after each fold, for a progress bar
     */
    public static LassoFit fit(double[][] x, double[] y, int[] folds, IntConsumer progress) {
        Objects.requireNonNull(progress, "progress");
        if (x == null || x.length == 0) throw new IllegalArgumentException("LASSO got no rows");
        int p = x[0].length;
        if (p == 0) throw new IllegalArgumentException("LASSO got no feature columns: pass at least one feature");
        Inputs.requireFiniteMatrix(x, p, "LASSO input");
        Inputs.requireFinite(y, "LASSO response");
        if (y.length != x.length) {
            throw new IllegalArgumentException("LASSO got " + x.length + " rows but " + y.length + " responses");
        }
        int k = checkFolds(folds, x.length);
        double[] alphas = alphaGrid(x, y);

        double[][] foldMse = new double[alphas.length][k];
        for (int fold = 1; fold <= k; fold++) {
            double[] mse = validationMse(x, y, folds, fold, alphas);
            for (int a = 0; a < alphas.length; a++) foldMse[a][fold - 1] = mse[a];
            progress.accept(fold);
        }
        double[] meanMse = new double[alphas.length];
        int best = 0;
        for (int a = 0; a < alphas.length; a++) {
            double s = 0;
            for (double v : foldMse[a]) s += v;
            meanMse[a] = s / k;
            if (meanMse[a] < meanMse[best]) best = a;   // strict: ties keep the first (larger) alpha, as np.argmin
        }
        Centred all = Centred.of(x, y, allRows(x.length));
        double[][] coefPath = path(all, alphas);

        double[] w = new double[p];
        CoordinateDescent.Outcome outcome =
                CoordinateDescent.plain(w, alphas[best] * all.n(), all.columns(), all.y(), MAX_ITER, TOL);
        for (int j = 0; j < p; j++) w[j] += 0.0;   // a thresholded -0.0 becomes 0.0 (reads better in JSON)
        LassoPath lassoPath = new LassoPath(alphas, meanMse, foldMse, coefPath, best, alphas[best]);
        return new LassoFit(alphas[best], all.intercept(w), w, outcome.iterations(), outcome.gap(), lassoPath);
    }

    /**
     * Single LASSO fit with intercept at one alpha (cold start, no Gram matrix), as scikit-learn's {@code Lasso}.
     * Its path holds just that alpha and its coefficients, with no cross-validation.
     */
    public static LassoFit fitAt(double[][] x, double[] y, double alpha) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("LASSO got no rows");
        Inputs.requireFiniteMatrix(x, x[0].length, "LASSO input");
        Inputs.requireFinite(y, "LASSO response");
        if (y.length != x.length) {
            throw new IllegalArgumentException("LASSO got " + x.length + " rows but " + y.length + " responses");
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException("alpha must be >= 0, got " + alpha);
        Centred all = Centred.of(x, y, allRows(x.length));
        double[] w = new double[x[0].length];
        CoordinateDescent.Outcome outcome = CoordinateDescent.plain(w, alpha * all.n(), all.columns(), all.y(), MAX_ITER, TOL);
        LassoPath single = new LassoPath(new double[] {alpha}, new double[0], new double[0][], new double[][] {w.clone()}, 0, alpha);
        return new LassoFit(alpha, all.intercept(w), w, outcome.iterations(), outcome.gap(), single);
    }

    /**
     * scikit-learn's {@code _alpha_grid}: alpha_max = max_j |Xc_j' yc| / n on the centred data, then numpy's
     * {@code logspace(log10(eps alpha_max), log10(alpha_max), 100)} reversed (largest first).
     */
    public static double[] alphaGrid(double[][] x, double[] y) {
        Centred all = Centred.of(x, y, allRows(x.length));
        double alphaMax = 0;
        for (double[] column : all.columns()) alphaMax = Math.max(alphaMax, Math.abs(CoordinateDescent.dot(column, all.y())));
        alphaMax /= all.n();
        double[] alphas = new double[N_ALPHAS];
        double resolution = 1e-15;   // np.finfo(float).resolution
        if (alphaMax <= resolution) {
            Arrays.fill(alphas, resolution);
            return alphas;
        }
        double start = Math.log10(alphaMax * EPS);
        double stop = Math.log10(alphaMax);
        double step = (stop - start) / (N_ALPHAS - 1);
        for (int i = 0; i < N_ALPHAS; i++) {
            double exponent = i == N_ALPHAS - 1 ? stop : i * step + start;   // numpy linspace pins the endpoint
            alphas[N_ALPHAS - 1 - i] = Math.pow(10, exponent);
        }
        return alphas;
    }

    /**
     * Our own seeded stratified fold assignment (numpy's shuffle cannot be reproduced in Java): the rows of each
     * class, in ascending class order, are shuffled (Fisher-Yates on {@code new Random(seed)}) and dealt round-robin
     * onto folds 1..k, the deal continuing across classes, so every fold gets floor or ceil of each class and of the
     * total.
     */
    public static int[] stratifiedFolds(int[] y, int k, long seed) {
        Objects.requireNonNull(y, "labels");
        if (k < 2) throw new IllegalArgumentException("need at least 2 folds, got " + k);
        if (y.length < k) {
            throw new IllegalArgumentException("cannot split " + y.length + " rows into " + k + " non-empty folds: use fewer folds");
        }
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        Random random = new Random(seed);
        int[] folds = new int[y.length];
        int dealt = 0;
        for (int c : classes) {
            int[] rows = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == c).toArray();
            for (int i = rows.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            for (int row : rows) folds[row] = (dealt++ % k) + 1;
        }
        return folds;
    }

    /** Validation MSE per alpha of fold {@code fold}, the path solved on the other folds. */
    private static double[] validationMse(double[][] x, double[] y, int[] folds, int fold, double[] alphas) {
        int[] train = java.util.stream.IntStream.range(0, y.length).filter(i -> folds[i] != fold).toArray();
        int[] test = java.util.stream.IntStream.range(0, y.length).filter(i -> folds[i] == fold).toArray();
        Centred data = Centred.of(x, y, train);
        double[][] coefs = path(data, alphas);
        double[] mse = new double[alphas.length];
        for (int a = 0; a < alphas.length; a++) {
            double[] w = coefs[a];
            double intercept = data.intercept(w);
            double s = 0;
            for (int i : test) {
                double r = CoordinateDescent.dot(x[i], w) + intercept - y[i];
                s += r * r;
            }
            mse[a] = s / test.length;
        }
        return mse;
    }

    /** Warm-started coefficient path over the grid; Gram matrix when rows > features (precompute='auto'). */
    private static double[][] path(Centred data, double[] alphas) {
        int p = data.columns().length;
        double[] w = new double[p];
        double[][] coefs = new double[alphas.length][];
        boolean precompute = data.n() > p;
        double[][] gram = null;
        double[] xty = null;
        double yNorm2 = CoordinateDescent.dot(data.y(), data.y());
        if (precompute) {
            gram = new double[p][p];
            xty = new double[p];
            for (int a = 0; a < p; a++) {
                xty[a] = CoordinateDescent.dot(data.columns()[a], data.y());
                for (int b = a; b < p; b++) gram[a][b] = gram[b][a] = CoordinateDescent.dot(data.columns()[a], data.columns()[b]);
            }
        }
        for (int a = 0; a < alphas.length; a++) {
            double l1 = alphas[a] * data.n();
            if (precompute) CoordinateDescent.gram(w, l1, gram, xty, yNorm2, MAX_ITER, TOL);
            else CoordinateDescent.plain(w, l1, data.columns(), data.y(), MAX_ITER, TOL);
            coefs[a] = w.clone();
        }
        return coefs;
    }

    private static int checkFolds(int[] folds, int rows) {
        if (folds == null || folds.length != rows) {
            throw new IllegalArgumentException("got " + (folds == null ? 0 : folds.length) + " fold ids for " + rows
                    + " rows: pass one fold id (1..K) per row");
        }
        int k = Arrays.stream(folds).max().orElse(0);
        int[] sizes = new int[k + 1];
        for (int i = 0; i < rows; i++) {
            if (folds[i] < 1) throw new IllegalArgumentException("fold id of row " + i + " is " + folds[i] + ": fold ids are 1..K");
            sizes[folds[i]]++;
        }
        if (k < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds, got fold ids up to " + k);
        for (int f = 1; f <= k; f++) {
            if (sizes[f] == 0) throw new IllegalArgumentException("fold " + f + " of 1.." + k + " has no rows: number folds 1..K without gaps");
            if (rows - sizes[f] < 2) throw new IllegalArgumentException("fold " + f + " leaves fewer than 2 training rows");
        }
        return k;
    }

    private static int[] allRows(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /** X (column-major) and y of the chosen rows, centred with those rows' means (fit_intercept=True). */
    private record Centred(double[][] columns, double[] y, double[] xOffset, double yOffset) {

        static Centred of(double[][] x, double[] y, int[] rows) {
            int p = x[0].length;
            int n = rows.length;
            double[][] columns = new double[p][n];
            double[] xOffset = new double[p];
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int i : rows) s += x[i][j];
                double m = s / n;
                xOffset[j] = m;
                for (int r = 0; r < n; r++) columns[j][r] = x[rows[r]][j] - m;
            }
            double s = 0;
            for (int i : rows) s += y[i];
            double yOffset = s / n;
            double[] yc = new double[n];
            for (int r = 0; r < n; r++) yc[r] = y[rows[r]] - yOffset;
            return new Centred(columns, yc, xOffset, yOffset);
        }

        int n() {
            return y.length;
        }

        double intercept(double[] w) {
            return yOffset - CoordinateDescent.dot(xOffset, w);
        }
    }
}
