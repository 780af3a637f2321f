package org.eusedge.explain;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded k-means (k-means++ starts, Lloyd iterations, best of several starts) for the SHAP background summary.
 * commons-math3 has KMeansPlusPlusClusterer, but it takes boxed Clusterable points and a JDK Random; this keeps plain
 * arrays, a SplittableRandom seed and shap.kmeans's value snapping.
 */
final class KMeans {

    private static final int STARTS = 4;
    private static final int MAX_ITERATIONS = 300;

    private KMeans() {}

    static KernelShap.Summary fit(double[][] rows, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] bestCentres = null;
        int[] bestAssign = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int start = 0; start < STARTS; start++) {
            double[][] centres = plusPlus(rows, k, random.split());
            int[] assign = new int[rows.length];
            Arrays.fill(assign, -1);
            for (int it = 0; it < MAX_ITERATIONS; it++) {
                boolean changed = false;
                for (int i = 0; i < rows.length; i++) {
                    int c = nearest(centres, rows[i]);
                    if (c != assign[i]) {
                        assign[i] = c;
                        changed = true;
                    }
                }
                if (!changed) break;
                update(rows, assign, centres);
            }
            double inertia = 0;
            for (int i = 0; i < rows.length; i++) inertia += distance2(centres[assign[i]], rows[i]);
            if (inertia < bestInertia) {
                bestInertia = inertia;
                bestCentres = centres;
                bestAssign = assign;
            }
        }
        return summary(rows, bestCentres, bestAssign);
    }

    /** k-means++ seeding: each next centre drawn with probability proportional to squared distance. */
    private static double[][] plusPlus(double[][] rows, int k, SplittableRandom random) {
        double[][] centres = new double[k][];
        centres[0] = rows[random.nextInt(rows.length)].clone();
        double[] d2 = new double[rows.length];
        for (int i = 0; i < rows.length; i++) d2[i] = distance2(centres[0], rows[i]);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : d2) total += v;
            int chosen;
            if (total <= 0) {
                chosen = random.nextInt(rows.length);    // all points coincide with centres: any row will do
            } else {
                double u = random.nextDouble() * total;
                chosen = rows.length - 1;
                for (int i = 0; i < rows.length; i++) {
                    u -= d2[i];
                    if (u < 0) {
                        chosen = i;
                        break;
                    }
                }
            }
            centres[c] = rows[chosen].clone();
            for (int i = 0; i < rows.length; i++) d2[i] = Math.min(d2[i], distance2(centres[c], rows[i]));
        }
        return centres;
    }

    private static void update(double[][] rows, int[] assign, double[][] centres) {
        int m = rows[0].length;
        double[][] sums = new double[centres.length][m];
        int[] counts = new int[centres.length];
        for (int i = 0; i < rows.length; i++) {
            counts[assign[i]]++;
            for (int j = 0; j < m; j++) sums[assign[i]][j] += rows[i][j];
        }
        for (int c = 0; c < centres.length; c++) {
            if (counts[c] == 0) continue;            // an empty cluster keeps its centre and is dropped at the end
            for (int j = 0; j < m; j++) centres[c][j] = sums[c][j] / counts[c];
        }
    }

    /** Cluster sizes as weights, empty clusters dropped, centre values snapped to the nearest data value per column. */
    private static KernelShap.Summary summary(double[][] rows, double[][] centres, int[] assign) {
        int m = rows[0].length;
        int[] counts = new int[centres.length];
        for (int a : assign) counts[a]++;
        double[][] sortedColumns = new double[m][rows.length];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < rows.length; i++) sortedColumns[j][i] = rows[i][j];
            Arrays.sort(sortedColumns[j]);
        }
        int kept = 0;
        for (int count : counts) if (count > 0) kept++;
        double[][] out = new double[kept][];
        double[] weights = new double[kept];
        int n = 0;
        for (int c = 0; c < centres.length; c++) {
            if (counts[c] == 0) continue;
            double[] centre = new double[m];
            for (int j = 0; j < m; j++) centre[j] = nearestValue(sortedColumns[j], centres[c][j]);
            out[n] = centre;
            weights[n++] = counts[c];
        }
        return new KernelShap.Summary(out, weights);
    }

    private static double nearestValue(double[] sorted, double v) {
        int i = Arrays.binarySearch(sorted, v);
        if (i >= 0) return sorted[i];
        int hi = -i - 1;
        if (hi == 0) return sorted[0];
        if (hi == sorted.length) return sorted[sorted.length - 1];
        return v - sorted[hi - 1] <= sorted[hi] - v ? sorted[hi - 1] : sorted[hi];
    }

    private static int nearest(double[][] centres, double[] row) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double d = distance2(centres[c], row);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /** Squared Euclidean distance (also the RBF kernel's argument in the SVM coalition evaluator). */
    static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }
}
