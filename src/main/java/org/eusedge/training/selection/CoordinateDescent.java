package org.eusedge.training.selection;

/**
 * Cyclic coordinate descent for the lasso, 0.5 ||y - X w||^2 + l1 ||w||_1 on centred data, a line-by-line port of
 * scikit-learn's {@code cd_fast.enet_coordinate_descent} (plain) and {@code enet_coordinate_descent_gram}
 * (precomputed X'X), l2 = 0 and selection='cyclic'. Stopping rule as there: when the largest coefficient change of
 * a sweep is below {@code tol} relative to the largest coefficient (or on the last sweep), compute the duality gap
 * and stop if it is below {@code tol * ||y||^2}. No Java library offers this solver with these semantics.
 * {@code w} is updated in place (warm start); the number of sweeps and the final gap are returned.
 */
final class CoordinateDescent {
    private CoordinateDescent() {}

    record Outcome(int iterations, double gap) {}

    /** Plain variant: {@code columns} is X column-major (features x rows), {@code y} centred. */
    static Outcome plain(double[] w, double l1, double[][] columns, double[] y, int maxIter, double tol) {
        int p = w.length;
        double[] normCols = new double[p];
        for (int j = 0; j < p; j++) normCols[j] = dot(columns[j], columns[j]);
        double[] r = y.clone();
        for (int j = 0; j < p; j++) {
            if (w[j] != 0) axpy(-w[j], columns[j], r);
        }
        double dwTol = tol;
        double gapTol = tol * dot(y, y);
        double gap = gapTol + 1;
        for (int iter = 0; iter < maxIter; iter++) {
            double wMax = 0;
            double dwMax = 0;
            for (int j = 0; j < p; j++) {
                if (normCols[j] == 0.0) continue;
                double wj = w[j];
                if (wj != 0.0) axpy(wj, columns[j], r);
                double tmp = dot(columns[j], r);
                w[j] = Math.signum(tmp) * Math.max(Math.abs(tmp) - l1, 0) / normCols[j];
                if (w[j] != 0.0) axpy(-w[j], columns[j], r);
                dwMax = Math.max(dwMax, Math.abs(w[j] - wj));
                wMax = Math.max(wMax, Math.abs(w[j]));
            }
            if (wMax == 0.0 || dwMax / wMax < dwTol || iter == maxIter - 1) {
                double dualNorm = 0;
                for (int j = 0; j < p; j++) dualNorm = Math.max(dualNorm, Math.abs(dot(columns[j], r)));
                gap = dualityGap(dualNorm, dot(r, r), l1, l1Norm(w), dot(r, y));
                if (gap < gapTol) return new Outcome(iter + 1, gap);
            }
        }
        return new Outcome(maxIter, gap);
    }

    /** Gram variant: {@code gram} = X'X, {@code xty} = X'y, {@code yNorm2} = y'y, all of centred data. */
    static Outcome gram(double[] w, double l1, double[][] gram, double[] xty, double yNorm2, int maxIter, double tol) {
        int p = w.length;
        double[] h = new double[p];   // H = X'X w
        for (int k = 0; k < p; k++) {
            double s = 0;
            for (int j = 0; j < p; j++) s += gram[k][j] * w[j];
            h[k] = s;
        }
        double dwTol = tol;
        double gapTol = tol * yNorm2;
        double gap = gapTol + 1;
        for (int iter = 0; iter < maxIter; iter++) {
            double wMax = 0;
            double dwMax = 0;
            for (int j = 0; j < p; j++) {
                if (gram[j][j] == 0.0) continue;
                double wj = w[j];
                if (wj != 0.0) axpy(-wj, gram[j], h);
                double tmp = xty[j] - h[j];
                w[j] = Math.signum(tmp) * Math.max(Math.abs(tmp) - l1, 0) / gram[j][j];
                if (w[j] != 0.0) axpy(w[j], gram[j], h);
                dwMax = Math.max(dwMax, Math.abs(w[j] - wj));
                wMax = Math.max(wMax, Math.abs(w[j]));
            }
            if (wMax == 0.0 || dwMax / wMax < dwTol || iter == maxIter - 1) {
                double qDotW = dot(w, xty);
                double dualNorm = 0;
                for (int j = 0; j < p; j++) dualNorm = Math.max(dualNorm, Math.abs(xty[j] - h[j]));
                double rNorm2 = yNorm2 + dot(w, h) - 2.0 * qDotW;   // ||y - Xw||^2 without forming the residual
                // R'y = y'y - w'X'y
                gap = dualityGap(dualNorm, rNorm2, l1, l1Norm(w), yNorm2 - qDotW);
                if (gap < gapTol) return new Outcome(iter + 1, gap);
            }
        }
        return new Outcome(maxIter, gap);
    }

    /** Lasso duality gap with the dual point R scaled into the feasible set (cd_fast's formula at l2 = 0). */
    private static double dualityGap(double dualNormXtR, double rNorm2, double l1, double wL1, double rDotY) {
        double constant;
        double gap;
        if (dualNormXtR > l1) {
            constant = l1 / dualNormXtR;
            gap = 0.5 * (rNorm2 + rNorm2 * constant * constant);
        } else {
            constant = 1.0;
            gap = rNorm2;
        }
        return gap + l1 * wL1 - constant * rDotY;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] += a * x[i];
    }

    private static double l1Norm(double[] w) {
        double s = 0;
        for (double v : w) s += Math.abs(v);
        return s;
    }
}
