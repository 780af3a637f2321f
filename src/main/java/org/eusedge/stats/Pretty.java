package org.eusedge.stats;

/**
 * R's {@code pretty(x, n)} (R 4.2: pretty.default over C R_pretty with its default biases), ported because the
 * rms nomogram places its axis ticks with it and no Java library reproduces it.
 */
public final class Pretty {
    private static final double ROUNDING_EPS = 1e-10;
    private static final double HIGH_U_BIAS = 1.5;
    private static final double U5_BIAS = 0.5 + 1.5 * HIGH_U_BIAS;
    private static final double SHRINK_SMALL = 0.75;
    private static final double F_MIN = Math.pow(2, -20);

    private Pretty() {}

    /** About n + 1 equally spaced round values covering [lo, hi] (R: {@code pretty(c(lo, hi), n)}). */
    public static double[] of(double lo, double hi, int n) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("pretty() needs a finite range, got [" + lo + ", " + hi + "]");
        }
        if (n < 0) throw new IllegalArgumentException("pretty() needs n >= 0, got " + n);
        double low = Math.min(lo, hi), up = Math.max(lo, hi);
        int minN = n / 3;
        double dx = up - low;
        double cell;
        boolean small;
        if (dx == 0 && up == 0) {
            cell = 1;
            small = true;
        } else {
            cell = Math.max(Math.abs(low), Math.abs(up));
            double u = 1 + ((U5_BIAS >= 1.5 * HIGH_U_BIAS + .5) ? 1 / (1 + HIGH_U_BIAS) : 1.5 / (1 + U5_BIAS));
            u *= Math.max(1, n) * Math.ulp(1.0);
            small = dx < cell * u * 3;
        }
        if (small) {
            if (cell > 10) cell = 9 + cell / 10;
            cell *= SHRINK_SMALL;
            if (minN > 1) cell /= minN;
        } else {
            cell = dx;
            if (n > 1) cell /= n;
        }
        double subsmall = F_MIN * Double.MIN_NORMAL;
        if (cell < subsmall) cell = subsmall;
        double base = Math.pow(10.0, Math.floor(Math.log10(cell)));
        double unit = base;
        double ns;
        if ((ns = 2 * base) - cell < HIGH_U_BIAS * (cell - unit)) {
            unit = ns;
            if ((ns = 5 * base) - cell < U5_BIAS * (cell - unit)) {
                unit = ns;
                if ((ns = 10 * base) - cell < HIGH_U_BIAS * (cell - unit)) unit = ns;
            }
        }
        ns = Math.floor(low / unit + ROUNDING_EPS);
        double nu = Math.ceil(up / unit - ROUNDING_EPS);
        while (ns * unit > low + ROUNDING_EPS * unit) ns--;
        while (nu * unit < up - ROUNDING_EPS * unit) nu++;
        int k = (int) (0.5 + nu - ns);
        int ndiv;
        if (k < minN) {
            k = minN - k;
            if (ns >= 0.) {
                nu += k / 2;
                ns -= k / 2 + k % 2;
            } else {
                ns -= k / 2;
                nu += k / 2 + k % 2;
            }
            ndiv = minN;
        } else {
            ndiv = k;
        }
        double l = ns * unit < low ? ns * unit : low;
        double u = nu * unit > up ? nu * unit : up;
        double[] s = sequence(l, u, ndiv + 1);
        if (ndiv > 0) {
            double delta = (u - l) / ndiv;
            for (int i = 0; i < s.length; i++) if (Math.abs(s[i]) < 1e-14 * delta) s[i] = 0;
        }
        return s;
    }

    /** R's seq.int(from, to, length.out): exact end points, inner values built from the nearer end. */
    static double[] sequence(double from, double to, int length) {
        double[] s = new double[length];
        if (length > 0) s[0] = from;
        if (length > 1) s[length - 1] = to;
        if (length > 2) {
            double by = (to - from) / (length - 1);
            for (int i = 1; i < length - 1; i++) s[i] = i < length / 2 ? from + i * by : to - (length - 1 - i) * by;
        }
        return s;
    }
}
