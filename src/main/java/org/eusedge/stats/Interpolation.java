package org.eusedge.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** R's {@code approx(x, y, xout, ties=mean)$y} (linear, rule 1: NaN outside the range of x). */
final class Interpolation {
    private Interpolation() {}

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
