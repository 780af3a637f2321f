package org.eusedge.explain;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.eusedge.model.SvmModel;

/**
 * KernelSHAP's v(S) for an RBF SVM without building masked rows. For support vector s, background row b and
 * z = (x on S, b elsewhere):
 * <pre>
 *   |s - z|^2 = |s - b|^2 + sum_{j in S} delta_j,   delta_j = (s_j - x_j)^2 - (s_j - b_j)^2
 *   K(s, z)  = K(s, b) * prod_{j in S} exp(-g delta_j)  =  K(s, x) / prod_{j not in S} exp(-g delta_j)
 * </pre>
 * so each coalition costs min(|S|, M - |S|) vector products over (support vector, background row) pairs and no
 * exponentials, instead of M-dimensional distances and an exp per pair. Every partial product is a ratio of two
 * coalitions' kernels, each at least exp(-g (|s - x|^2 + |s - b|^2)); when that could underflow, the kernels are
 * computed directly instead.
 */
final class SvmCoalitionEvaluator implements CoalitionEvaluator {

    /** exp(-700) is still a normal double; beyond it the factor form could lose kernels to underflow. */
    private static final double SAFE_EXPONENT = 700;
    /** Fewer coalitions than this per thread are not worth a second thread. */
    private static final int MIN_CHUNK = 256;

    private final SvmModel svm;
    private final SvmOutput output;

    SvmCoalitionEvaluator(SvmModel svm, SvmOutput output) {
        this.svm = svm;
        this.output = output;
    }

    @Override
    public double value(double[] row) {
        return output.of(svm, svm.decision(row));
    }

    @Override
    public void expectations(double[] x, int[] varying, boolean[][] masks, int count, double[][] background,
                             double[] weights, double[] ey) {
        double g = svm.gamma();
        double[][] sv = svm.supportVectors();
        int nsv = sv.length, n = background.length, pairs = nsv * n, mv = varying.length;

        // Per (support vector i, background row r) at index i*n + r: K(s_i, b_r), and per feature the factor.
        double[] kb = new double[pairs];
        double[] kx = new double[pairs];
        double[][] factor = new double[mv][pairs];
        double worst = 0;
        for (int i = 0; i < nsv; i++) {
            double dx = KMeans.distance2(sv[i], x);
            double kxi = Math.exp(-g * dx);
            for (int r = 0; r < n; r++) {
                double db = KMeans.distance2(sv[i], background[r]);
                worst = Math.max(worst, g * (dx + db));   // bounds -log of every coalition's kernel
                kb[i * n + r] = Math.exp(-g * db);
                kx[i * n + r] = kxi;
                for (int j = 0; j < mv; j++) {
                    int f = varying[j];
                    double ax = sv[i][f] - x[f], ab = sv[i][f] - background[r][f];
                    factor[j][i * n + r] = Math.exp(-g * (ax * ax - ab * ab));
                }
            }
        }
        if (worst > SAFE_EXPONENT) {
            CoalitionEvaluator.rows((rows, c, out) -> {
                for (int k = 0; k < c; k++) out[k] = value(rows[k]);
            }).expectations(x, varying, masks, count, background, weights, ey);
            return;
        }
        // coalitions are independent: split them into contiguous chunks over the cores (the cart's budget is for the
        // whole box), each chunk with its own buffers
        int chunks = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), count / MIN_CHUNK));
        int per = (count + chunks - 1) / chunks;
        IntStream.range(0, chunks).parallel().forEach(k -> evaluate(k * per, Math.min(count, (k + 1) * per), masks,
                mv, pairs, nsv, n, kb, kx, factor, weights, ey));
    }

    /** Coalitions [from, to): one chunk of {@link #expectations}. */
    private void evaluate(int from, int to, boolean[][] masks, int mv, int pairs, int nsv, int n, double[] kb, double[] kx,
                          double[][] factor, double[] weights, double[] ey) {
        double[] coef = svm.dualCoef();
        double[] product = new double[pairs];
        double[] decision = new double[n];
        boolean previousFromBackground = false;
        for (int c = from; c < to; c++) {
            boolean[] mask = masks[c];
            int size = 0;
            for (boolean b : mask) size += b ? 1 : 0;
            boolean fromBackground = size <= mv - size;   // multiply over the smaller side of the coalition
            // KernelSHAP adds most coalitions next to their complement, whose smaller side is the same feature set;
            // not so for two halves of equal size (M even), where each side is its own smaller side
            boolean reuse = c > from && fromBackground != previousFromBackground && complements(mask, masks[c - 1]);
            previousFromBackground = fromBackground;
            if (!reuse) {
                Arrays.fill(product, 1.0);
                for (int j = 0; j < mv; j++) {
                    if (mask[j] != fromBackground) continue;
                    double[] fj = factor[j];
                    for (int p = 0; p < pairs; p++) product[p] *= fj[p];
                }
            }
            Arrays.fill(decision, -svm.rho());
            for (int i = 0; i < nsv; i++) {
                double a = coef[i];
                int base = i * n;
                if (fromBackground) {
                    for (int r = 0; r < n; r++) decision[r] += a * kb[base + r] * product[base + r];
                } else {
                    for (int r = 0; r < n; r++) decision[r] += a * kx[base + r] / product[base + r];
                }
            }
            double e = 0;
            for (int r = 0; r < n; r++) e += weights[r] * output.of(svm, decision[r]);
            ey[c] = e;
        }
    }

    private static boolean complements(boolean[] a, boolean[] b) {
        for (int j = 0; j < a.length; j++) if (a[j] == b[j]) return false;
        return true;
    }
}
