package org.eusedge.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small R numerics the rms ports need: approx(ties=mean), seq(length.out), quantile(type 7). */
final class Interpolation {
    private Interpolation() {}

    /** R's seq.default(from, to, length.out): exact ends, inner values from + i * by. */
    static double[] seq(double from, double to, int length) {
        double[] s = new double[length];
        double by = (to - from) / (length - 1);
        for (int i = 0; i < length; i++) s[i] = from + i * by;
        if (length > 1) s[length - 1] = to;
        return s;
    }

    /** R's quantile(v, q) type 7 (= numpy's default linear percentile), NaN values ignored. */
    static double quantile(double[] v, double q) {
        double[] s = java.util.Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (s.length == 0) return Double.NaN;
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** R's {@code approx(x, y, xout, ties=mean)$y} (linear, rule 1: NaN outside the range of x). */
    static double[] linearTiesMean(double[] x, double[] y, double[] xout) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k < order.length; ) {
            int m = k;
            double sum = 0;
            while (m < order.length && x[order[m]] == x[order[k]]) sum += y[order[m++]];
            pts.add(new double[] {x[order[k]], sum / (m - k)});
            k = m;
        }
        double[] out = new double[xout.length];
        for (int q = 0; q < xout.length; q++) out[q] = at(pts, xout[q]);
        return out;
    }

    private static double at(List<double[]> pts, double v) {
        int n = pts.size();
        if (n == 0 || Double.isNaN(v) || v < pts.get(0)[0] || v > pts.get(n - 1)[0]) return Double.NaN;
        int lo = 0, hi = n - 1;
        while (lo < hi - 1) {
            int mid = (lo + hi) >>> 1;
            if (v < pts.get(mid)[0]) hi = mid; else lo = mid;
        }
        if (v == pts.get(hi)[0]) return pts.get(hi)[1];
        if (v == pts.get(lo)[0]) return pts.get(lo)[1];
        double[] a = pts.get(lo), b = pts.get(hi);
        return a[1] + (b[1] - a[1]) * ((v - a[0]) / (b[0] - a[0]));
    }
}
