package org.eusedge.explain;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.eusedge.model.SvmModel;

/**
 * Model-agnostic KernelSHAP (Lundberg and Lee 2017), following the shap library's KernelExplainer step for step.
 * No Java library offers KernelSHAP (Smile has TreeSHAP only, and is GPL; xgboost4j's contributions are TreeSHAP),
 * so it is written here. What it does, as shap does with l1_reg=False:
 * <ul>
 *   <li>only features where x differs from some background row take part ("varying" features); the others get 0;</li>
 *   <li>coalitions are drawn with the Shapley kernel weight (M-1)/(s(M-s)) per size s: whole sizes are enumerated
 *       while the budget allows (smallest and largest first), each coalition with its complement, the rest are
 *       sampled in complementary pairs and duplicates add to the weight; when 2^M - 2 coalitions fit in the budget
 *       every coalition is enumerated and the values are the exact Shapley values of the background game;</li>
 *   <li>v(S) = link(sum_r w_r f(x_S, b_r,-S)), and the weighted least squares is solved with the efficiency
 *       constraint sum(phi) = link(f(x)) - link(E[f]) eliminated through the last varying feature.</li>
 * </ul>
 * Instances are immutable; {@link #explain} allocates its own buffers, so one instance may serve several threads if
 * the model does.
 */
public final class KernelShap {

    /** Pass as nSamples to use shap's default budget of 2M + 2048 coalitions. */
    public static final int AUTO_SAMPLES = 0;

    /** A weighted background: k-means centres and the number of training rows each stands for. */
    public record Summary(double[][] centres, double[] weights) {
    }

    private final CoalitionEvaluator evaluator;
    private final double[][] background;
    private final double[] weights;
    private final Link link;
    private final int nSamples;
    private final long seed;
    private final double expectedValue;

    /** Explains a row-at-a-time model; the row array passed to f is reused, f must not keep it. */
    public KernelShap(ToDoubleFunction<double[]> f, double[][] background, double[] backgroundWeights, Link link,
                      int nSamples, long seed) {
        this(rowByRow(Objects.requireNonNull(f, "model")), background, backgroundWeights, link, nSamples, seed);
    }

    /**
     * @param background        rows the absent features are drawn from (e.g. {@link #summarise} of the training rows)
     * @param backgroundWeights one non-negative weight per background row (null: equal weights); normalised here
     * @param nSamples          coalition budget, or {@link #AUTO_SAMPLES} for 2M + 2048
     * @param seed              seeds the coalition sampling: the same seed gives the same values
     */
    public KernelShap(BatchModel model, double[][] background, double[] backgroundWeights, Link link,
                      int nSamples, long seed) {
        this(CoalitionEvaluator.rows(Objects.requireNonNull(model, "model")), background, backgroundWeights, link,
                nSamples, seed);
    }

    /**
     * Explains an RBF SVM's decision value or Platt probability. The values equal those of
     * {@code new KernelShap(svm::probability, ...)} (to rounding), but the masked kernels are computed from
     * per-feature factors, many times faster than evaluating the SVM on every masked row.
     */
    public static KernelShap forSvm(SvmModel svm, SvmOutput output, double[][] background, double[] backgroundWeights,
                                    Link link, int nSamples, long seed) {
        Objects.requireNonNull(svm, "svm");
        Objects.requireNonNull(output, "output");
        if (background != null && background.length > 0 && background[0].length != svm.dimension()) {
            throw new IllegalArgumentException("SVM has " + svm.dimension() + " features but the background rows have "
                    + background[0].length + ": use the standardised, selected features the SVM was trained on");
        }
        return new KernelShap(new SvmCoalitionEvaluator(svm, output), background, backgroundWeights, link, nSamples,
                seed);
    }

    private KernelShap(CoalitionEvaluator evaluator, double[][] background, double[] backgroundWeights, Link link,
                       int nSamples, long seed) {
        this.evaluator = evaluator;
        this.link = Objects.requireNonNull(link, "link");
        if (background == null || background.length == 0) {
            throw new IllegalArgumentException("SHAP background is empty: pass at least one training row "
                    + "(e.g. KernelShap.summarise(trainingRows, 50, seed))");
        }
        int m = background[0].length;
        if (m == 0) throw new IllegalArgumentException("SHAP background rows have no features");
        this.background = new double[background.length][];
        for (int r = 0; r < background.length; r++) {
            if (background[r].length != m) {
                throw new IllegalArgumentException("background row " + r + " has " + background[r].length
                        + " features but row 0 has " + m + ": all rows need the model's feature count");
            }
            requireFinite(background[r], "background row " + r);
            this.background[r] = background[r].clone();
        }
        this.weights = normalisedWeights(backgroundWeights, background.length);
        if (nSamples < 0) throw new IllegalArgumentException("nSamples must be >= 0 (0 = automatic), got " + nSamples);
        this.nSamples = nSamples;
        this.seed = seed;
        double e = 0;
        for (int r = 0; r < this.background.length; r++) e += weights[r] * evaluator.value(this.background[r]);
        this.expectedValue = e;
    }

    /** E[f] over the weighted background, on the model's own scale. */
    public double expectedValue() {
        return expectedValue;
    }

    public int dimension() {
        return background[0].length;
    }

    public ShapResult explain(double[] x) {
        Objects.requireNonNull(x, "x");
        int m = dimension();
        if (x.length != m) {
            throw new IllegalArgumentException("instance has " + x.length + " features but the background has " + m
                    + ": pass the features in the model's order");
        }
        requireFinite(x, "instance");
        double fx = evaluator.value(x);
        double linkFx = link.apply(fx);
        double linkNull = link.apply(expectedValue);
        if (!Double.isFinite(linkFx) || !Double.isFinite(linkNull)) {
            throw new IllegalArgumentException("the " + link + " link is undefined for f(x) = " + fx + " or E[f] = "
                    + expectedValue + ": use LOGIT only for probabilities strictly between 0 and 1");
        }
        double[] phi = new double[m];
        int[] varying = varyingFeatures(x);
        int mv = varying.length;
        if (mv == 1) phi[varying[0]] = linkFx - linkNull;
        if (mv <= 1) return new ShapResult(linkNull, phi, linkFx);

        Coalitions coalitions = Coalitions.build(mv, budget(mv), seed);
        double[] ey = expectations(x, varying, coalitions);
        double[] solved = solve(coalitions, ey, linkFx - linkNull, linkNull);
        for (int j = 0; j < mv; j++) phi[varying[j]] = solved[j];
        return new ShapResult(linkNull, phi, linkFx);
    }

    private int budget(int mv) {
        long requested = nSamples == AUTO_SAMPLES ? 2L * mv + 2048 : nSamples;
        long max = mv <= 30 ? (1L << mv) - 2 : 1L << 30;
        return (int) Math.min(requested, max);
    }

    private int[] varyingFeatures(double[] x) {
        int[] idx = new int[x.length];
        int n = 0;
        for (int j = 0; j < x.length; j++) {
            for (double[] row : background) {
                if (row[j] != x[j]) {
                    idx[n++] = j;
                    break;
                }
            }
        }
        return Arrays.copyOf(idx, n);
    }

    private double[] expectations(double[] x, int[] varying, Coalitions coalitions) {
        double[] ey = new double[coalitions.size()];
        evaluator.expectations(x, varying, coalitions.masks, coalitions.size(), background, weights, ey);
        return ey;
    }

    /** shap's KernelExplainer.solve: weighted least squares with the efficiency constraint substituted out. */
    private double[] solve(Coalitions coalitions, double[] ey, double total, double linkNull) {
        int mv = coalitions.masks[0].length;
        int p = mv - 1;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        double[] e = new double[p];
        for (int s = 0; s < coalitions.size(); s++) {
            boolean[] mask = coalitions.masks[s];
            double w = coalitions.weights[s];
            double last = mask[p] ? 1 : 0;
            double y = link.apply(ey[s]) - linkNull - last * total;
            for (int j = 0; j < p; j++) e[j] = (mask[j] ? 1 : 0) - last;
            for (int j = 0; j < p; j++) {
                if (e[j] == 0) continue;
                double we = w * e[j];
                b[j] += we * y;
                for (int k = 0; k < p; k++) a[j][k] += we * e[k];
            }
        }
        double[] w = solveSymmetric(a, b);
        double[] phi = new double[mv];
        double sum = 0;
        for (int j = 0; j < p; j++) {
            phi[j] = w[j];
            sum += w[j];
        }
        phi[p] = total - sum;
        return phi;
    }

    /** Solves a x = b; falls back to least squares (as shap falls back to numpy's lstsq) when a is singular. */
    private static double[] solveSymmetric(double[][] a, double[] b) {
        RealMatrix matrix = new Array2DRowRealMatrix(a, false);
        LUDecomposition lu = new LUDecomposition(matrix, 1e-12);
        if (lu.getSolver().isNonSingular()) return lu.getSolver().solve(new ArrayRealVector(b, false)).toArray();
        return new SingularValueDecomposition(matrix).getSolver().solve(new ArrayRealVector(b, false)).toArray();
    }

    /** The coalition masks over the varying features and their kernel weights, built as shap builds them. */
    static final class Coalitions {
        final boolean[][] masks;
        final double[] weights;
        private int size;

        private Coalitions(int capacity) {
            masks = new boolean[capacity][];
            weights = new double[capacity];
        }

        int size() {
            return size;
        }

        private int add(boolean[] mask, double weight) {
            masks[size] = mask.clone();
            weights[size] = weight;
            return size++;
        }

        static Coalitions build(int m, int nSamples, long seed) {
            Coalitions out = new Coalitions(nSamples);
            int numSubsetSizes = (m - 1 + 1) / 2;        // ceil((m - 1) / 2)
            int numPairedSubsetSizes = (m - 1) / 2;      // floor((m - 1) / 2)
            double[] weightVector = new double[numSubsetSizes];
            double total = 0;
            for (int i = 1; i <= numSubsetSizes; i++) {
                weightVector[i - 1] = (m - 1.0) / (i * (double) (m - i));
                if (i <= numPairedSubsetSizes) weightVector[i - 1] *= 2;
                total += weightVector[i - 1];
            }
            for (int i = 0; i < numSubsetSizes; i++) weightVector[i] /= total;

            // Enumerate whole subset sizes while the budget covers their share of the kernel weight.
            int numFullSubsets = 0;
            double samplesLeft = nSamples;
            double[] remaining = weightVector.clone();
            for (int size = 1; size <= numSubsetSizes; size++) {
                boolean paired = size <= numPairedSubsetSizes;
                double nSubsets = binomial(m, size) * (paired ? 2 : 1);
                if (samplesLeft * remaining[size - 1] / nSubsets < 1.0 - 1e-8) break;
                numFullSubsets++;
                samplesLeft -= nSubsets;
                if (remaining[size - 1] < 1.0) {
                    double scale = 1 - remaining[size - 1];
                    for (int i = 0; i < remaining.length; i++) remaining[i] /= scale;
                }
                double w = weightVector[size - 1] / binomial(m, size) / (paired ? 2 : 1);
                int[] comb = new int[size];
                for (int i = 0; i < size; i++) comb[i] = i;
                boolean[] mask = new boolean[m];
                do {
                    Arrays.fill(mask, false);
                    for (int i : comb) mask[i] = true;
                    out.add(mask, w);
                    if (paired) {
                        for (int i = 0; i < m; i++) mask[i] = !mask[i];
                        out.add(mask, w);
                    }
                } while (nextCombination(comb, m));
            }
            if (numFullSubsets == numSubsetSizes) return out;

            // Sample the remaining sizes in complementary pairs; a repeated draw adds weight instead of a row.
            int nFixed = out.size;
            int left = nSamples - nFixed;
            double[] sizeWeights = new double[numSubsetSizes - numFullSubsets];
            double sizeTotal = 0;
            for (int i = numFullSubsets; i < numSubsetSizes; i++) {
                double v = weightVector[i] / (i < numPairedSubsetSizes ? 2 : 1);
                sizeWeights[i - numFullSubsets] = v;
                sizeTotal += v;
            }
            double[] cumulative = new double[sizeWeights.length];
            double acc = 0;
            for (int i = 0; i < sizeWeights.length; i++) {
                acc += sizeWeights[i] / sizeTotal;
                cumulative[i] = acc;
            }
            SplittableRandom random = new SplittableRandom(seed);
            Map<BitSet, Integer> used = new HashMap<>();
            int[] perm = new int[m];
            boolean[] mask = new boolean[m];
            long draws = 4L * left;
            for (long d = 0; d < draws && left > 0; d++) {
                int ind = pick(cumulative, random.nextDouble());
                int size = ind + numFullSubsets + 1;
                Arrays.fill(mask, false);
                for (int i = 0; i < m; i++) perm[i] = i;
                for (int i = 0; i < size; i++) {          // the first `size` entries of a random permutation
                    int r = i + random.nextInt(m - i);
                    int t = perm[i];
                    perm[i] = perm[r];
                    perm[r] = t;
                    mask[perm[i]] = true;
                }
                BitSet key = toBitSet(mask);
                Integer previous = used.get(key);
                boolean paired = size <= numPairedSubsetSizes;
                if (previous == null) {
                    used.put(key, out.size);
                    left--;
                    out.add(mask, 1.0);
                } else {
                    out.weights[previous] += 1.0;
                }
                if (left > 0 && paired) {
                    if (previous == null) {
                        for (int i = 0; i < m; i++) mask[i] = !mask[i];
                        left--;
                        out.add(mask, 1.0);
                    } else {
                        out.weights[previous + 1] += 1.0;   // the complement was added right after its subset
                    }
                }
            }
            double weightLeft = 0;
            for (int i = numFullSubsets; i < numSubsetSizes; i++) weightLeft += weightVector[i];
            double sampled = 0;
            for (int s = nFixed; s < out.size; s++) sampled += out.weights[s];
            for (int s = nFixed; s < out.size; s++) out.weights[s] *= weightLeft / sampled;
            return out;
        }

        private static int pick(double[] cumulative, double u) {
            for (int i = 0; i < cumulative.length - 1; i++) {
                if (u < cumulative[i]) return i;
            }
            return cumulative.length - 1;
        }

        private static BitSet toBitSet(boolean[] mask) {
            BitSet bits = new BitSet(mask.length);
            for (int i = 0; i < mask.length; i++) if (mask[i]) bits.set(i);
            return bits;
        }

        private static boolean nextCombination(int[] comb, int n) {
            int k = comb.length;
            int i = k - 1;
            while (i >= 0 && comb[i] == n - k + i) i--;
            if (i < 0) return false;
            comb[i]++;
            for (int j = i + 1; j < k; j++) comb[j] = comb[j - 1] + 1;
            return true;
        }
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return Math.rint(r);
    }

    /**
     * A weighted summary of the training rows for the background, like shap.kmeans: seeded k-means++ with Lloyd
     * iterations (best of several starts by inertia), each centre value then snapped to the nearest value that
     * column takes in the data (so binary and categorical columns stay valid), weights = cluster sizes.
     * With k >= the number of rows the rows themselves come back with weight 1.
     */
    public static Summary summarise(double[][] rows, int k, long seed) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("cannot summarise an empty set of training rows");
        }
        if (k <= 0) throw new IllegalArgumentException("number of background centres must be > 0, got " + k);
        int m = rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != m) {
                throw new IllegalArgumentException("training row " + r + " has " + rows[r].length
                        + " features but row 0 has " + m);
            }
            requireFinite(rows[r], "training row " + r);
        }
        if (k >= rows.length) {
            double[] ones = new double[rows.length];
            Arrays.fill(ones, 1.0);
            return new Summary(copyRows(rows), ones);
        }
        return KMeans.fit(rows, k, seed);
    }

    private static BatchModel rowByRow(ToDoubleFunction<double[]> f) {
        return (rows, count, out) -> {
            for (int i = 0; i < count; i++) out[i] = f.applyAsDouble(rows[i]);
        };
    }

    private static double[] normalisedWeights(double[] given, int n) {
        double[] w = new double[n];
        if (given == null) {
            Arrays.fill(w, 1.0 / n);
            return w;
        }
        if (given.length != n) {
            throw new IllegalArgumentException(given.length + " background weights for " + n
                    + " background rows: pass one weight per row (or null for equal weights)");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!(given[i] >= 0) || Double.isInfinite(given[i])) {
                throw new IllegalArgumentException("background weight " + i + " must be finite and >= 0, got " + given[i]);
            }
            sum += given[i];
        }
        if (!(sum > 0)) throw new IllegalArgumentException("background weights sum to 0: at least one must be > 0");
        for (int i = 0; i < n; i++) w[i] = given[i] / sum;
        return w;
    }

    private static void requireFinite(double[] v, String what) {
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j])) {
                throw new IllegalArgumentException(what + " has a non-finite value " + v[j] + " at feature " + j
                        + ": impute missing values before explaining");
            }
        }
    }

    private static double[][] copyRows(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = rows[i].clone();
        return out;
    }
}
