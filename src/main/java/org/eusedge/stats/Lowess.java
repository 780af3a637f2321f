package org.eusedge.stats;

import java.util.Arrays;

/**
 * R's {@code lowess(x, y, f, iter, delta)} (Cleveland's LOWESS as in R's src/library/stats/src/lowess.c,
 * function clowess), ported line by line because rms val.prob and calibrate smooth with it and no Java library
 * reproduces it (commons-math3's LoessInterpolator differs in weights, ties and the delta shortcut).
 *
 * @param x the x values sorted ascending (ties kept, stable order), as R returns them
 * @param y the smoothed values at those x
 */
public record Lowess(double[] x, double[] y) {
    public Lowess {
        x = x.clone();
        y = y.clone();
    }

    @Override public double[] x() { return x.clone(); }
    @Override public double[] y() { return y.clone(); }

    /** R defaults as rms calls them: f = 2/3, iter = 0 (no robustness steps), delta = 1% of the x range. */
    public static Lowess smooth(double[] x, double[] y) {
        return smooth(x, y, 2.0 / 3.0, 0);
    }

    public static Lowess smooth(double[] x, double[] y, double f, int iterations) {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("lowess needs x and y of the same length, got "
                    + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length));
        }
        if (x.length == 0) throw new IllegalArgumentException("lowess needs at least one point");
        Inputs.finite(x, "x");
        Inputs.finite(y, "y");
        if (!(f > 0)) throw new IllegalArgumentException("lowess span f must be positive, got " + f);
        if (iterations < 0) throw new IllegalArgumentException("lowess iterations must be >= 0, got " + iterations);
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b])); // stable, like R's order()
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x[order[i]];
            ys[i] = y[order[i]];
        }
        double delta = 0.01 * (xs[n - 1] - xs[0]);
        return new Lowess(xs, clowess(xs, ys, f, iterations, delta));
    }

    /** clowess with R's 1-based indexing kept (arrays padded by one) so the port can be read against the C. */
    private static double[] clowess(double[] x0, double[] y0, double f, int nsteps, double delta) {
        int n = x0.length;
        if (n < 2) return new double[] {y0[0]};
        double[] x = pad(x0), y = pad(y0);
        double[] ys = new double[n + 1], rw = new double[n + 1], res = new double[n + 1];
        int ns = Math.max(2, Math.min(n, (int) (f * n + 1e-7)));
        boolean[] ok = new boolean[1];
        for (int iter = 1; iter <= nsteps + 1; iter++) {
            int nleft = 1, nright = ns, last = 0, i = 1;
            for (;;) {
                if (nright < n) {
                    double d1 = x[i] - x[nleft];
                    double d2 = x[nright + 1] - x[i];
                    if (d1 > d2) {
                        nleft++;
                        nright++;
                        continue;
                    }
                }
                ys[i] = lowest(x, y, n, x[i], nleft, nright, res, iter > 1, rw, ok);
                if (!ok[0]) ys[i] = y[i];
                if (last < i - 1) {
                    double denom = x[i] - x[last];
                    for (int j = last + 1; j < i; j++) {
                        double alpha = (x[j] - x[last]) / denom;
                        ys[j] = alpha * ys[i] + (1. - alpha) * ys[last];
                    }
                }
                last = i;
                double cut = x[last] + delta;
                for (i = last + 1; i <= n; i++) {
                    if (x[i] > cut) break;
                    if (x[i] == x[last]) {
                        ys[i] = ys[last];
                        last = i;
                    }
                }
                i = Math.max(last + 1, i - 1);
                if (last >= n) break;
            }
            for (i = 1; i <= n; i++) res[i] = y[i] - ys[i];
            if (iter > nsteps) break;
            double[] absRes = new double[n];
            for (i = 1; i <= n; i++) absRes[i - 1] = Math.abs(res[i]);
            Arrays.sort(absRes);
            int m1 = n / 2 + 1, m2 = n - m1 + 1;
            double cmad = 3.0 * (absRes[m1 - 1] + absRes[m2 - 1]);
            double c9 = 0.999 * cmad, c1 = 0.001 * cmad;
            for (i = 1; i <= n; i++) {
                double r = Math.abs(res[i]);
                if (r <= c1) rw[i] = 1.;
                else if (r <= c9) rw[i] = square(1. - square(r / cmad));
                else rw[i] = 0.;
            }
        }
        return Arrays.copyOfRange(ys, 1, n + 1);
    }

    /** Local weighted linear fit at xs using points nleft..nright (and ties beyond), C function lowest. */
    private static double lowest(double[] x, double[] y, int n, double xs, int nleft, int nright, double[] w,
                                 boolean userw, double[] rw, boolean[] ok) {
        double range = x[n] - x[1];
        double h = Math.max(xs - x[nleft], x[nright] - xs);
        double h9 = 0.999 * h, h1 = 0.001 * h;
        double a = 0.;
        int j = nleft;
        while (j <= n) {
            w[j] = 0.;
            double r = Math.abs(x[j] - xs);
            if (r <= h9) {
                if (r <= h1) w[j] = 1.;
                else w[j] = cube(1. - cube(r / h));
                if (userw) w[j] *= rw[j];
                a += w[j];
            } else if (x[j] > xs) {
                break;
            }
            j = j + 1;
        }
        int nrt = j - 1;
        if (a <= 0.) {
            ok[0] = false;
            return 0;
        }
        ok[0] = true;
        for (j = nleft; j <= nrt; j++) w[j] /= a;
        if (h > 0.) {
            a = 0.;
            for (j = nleft; j <= nrt; j++) a += w[j] * x[j];
            double b = xs - a;
            double c = 0.;
            for (j = nleft; j <= nrt; j++) c += w[j] * (x[j] - a) * (x[j] - a);
            if (Math.sqrt(c) > 0.001 * range) {
                b /= c;
                for (j = nleft; j <= nrt; j++) w[j] *= (b * (x[j] - a) + 1.);
            }
        }
        double fitted = 0.;
        for (j = nleft; j <= nrt; j++) fitted += w[j] * y[j];
        return fitted;
    }

    private static double[] pad(double[] v) {
        double[] p = new double[v.length + 1];
        System.arraycopy(v, 0, p, 1, v.length);
        return p;
    }

    private static double cube(double v) { return v * v * v; }
    private static double square(double v) { return v * v; }
}
