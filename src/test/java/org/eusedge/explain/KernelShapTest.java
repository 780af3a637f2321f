package org.eusedge.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.eusedge.model.SvmModel;
import org.junit.jupiter.api.Test;

class KernelShapTest {

    /** A nonlinear model with pairwise and three-way interactions over the first 10 features. */
    private static final ToDoubleFunction<double[]> INTERACTIONS = z -> Math.sin(z[0] * z[1]) + z[2] * z[3] * z[4]
            + Math.exp(0.3 * z[5]) + Math.max(z[6], z[7]) + z[8] * z[8] * (z.length > 9 ? z[9] : 1.0);

    @Test
    void matchesBruteForceShapleyValuesWhenEveryCoalitionIsEnumerated() {
        for (int m : new int[] {2, 3, 6, 9, 10}) {
            SplittableRandom random = new SplittableRandom(m);
            double[][] background = randomRows(random, 7, m);
            double[] weights = {1, 3, 2, 5, 1, 1, 4};
            double[] x = randomRows(random, 1, m)[0];
            ToDoubleFunction<double[]> f = m >= 9 ? INTERACTIONS : z -> Math.sin(z[0] * z[m - 1]) + z[0] * z[0] * z[m / 2];
            ShapResult result = new KernelShap(f, background, weights, Link.IDENTITY, KernelShap.AUTO_SAMPLES, 1).explain(x);
            double[] exact = bruteForceShapley(f, background, weights, x, Link.IDENTITY);
            assertArrayEquals(exact, result.values(), 1e-6, "M = " + m);
        }
    }

    @Test
    void matchesBruteForceOnAnRbfSvmProbabilityInLogOdds() {
        int m = 9;
        SplittableRandom random = new SplittableRandom(42);
        double[][] sv = randomRows(random, 15, m);
        double[] coef = new double[sv.length];
        for (int i = 0; i < coef.length; i++) coef[i] = (i % 2 == 0 ? 1 : -1) * (0.5 + random.nextDouble());
        SvmModel svm = new SvmModel(0.2, sv, coef, 0.1, -1.7, 0.05);
        double[][] background = randomRows(random, 12, m);
        double[] x = randomRows(random, 1, m)[0];
        ShapResult result = new KernelShap(svm::probability, background, null, Link.LOGIT, KernelShap.AUTO_SAMPLES, 3)
                .explain(x);
        double[] exact = bruteForceShapley(svm::probability, background, null, x, Link.LOGIT);
        assertArrayEquals(exact, result.values(), 1e-6);
        double meanP = Arrays.stream(background).mapToDouble(svm::probability).average().orElseThrow();
        assertEquals(Math.log(meanP / (1 - meanP)), result.baseValue(), 1e-12);
        double px = svm.probability(x);
        assertEquals(Math.log(px / (1 - px)), result.fx(), 1e-12);
    }

    @Test
    void svmFastPathGivesTheValuesOfTheGenericPath() {
        int m = 27;
        SplittableRandom random = new SplittableRandom(17);
        double[][] training = randomRows(random, 200, m);
        KernelShap.Summary background = KernelShap.summarise(training, 30, 4);
        double[][] sv = randomRows(random, 20, m);
        double[] coef = new double[sv.length];
        for (int i = 0; i < coef.length; i++) coef[i] = random.nextGaussian();
        double[] x = training[7];
        // gamma 1/M keeps the factor form; gamma 20 pushes kernels towards underflow and takes the direct route
        for (double gamma : new double[] {1.0 / m, 20.0}) {
            SvmModel svm = new SvmModel(gamma, sv, coef, 0.2, -1.3, 0.1);
            for (SvmOutput output : SvmOutput.values()) {
                Link link = output == SvmOutput.PROBABILITY ? Link.LOGIT : Link.IDENTITY;
                ToDoubleFunction<double[]> f = output == SvmOutput.PROBABILITY ? svm::probability : svm::decision;
                ShapResult generic = new KernelShap(f, background.centres(), background.weights(), link,
                        KernelShap.AUTO_SAMPLES, 5).explain(x);
                ShapResult fast = KernelShap.forSvm(svm, output, background.centres(), background.weights(), link,
                        KernelShap.AUTO_SAMPLES, 5).explain(x);
                assertEquals(generic.baseValue(), fast.baseValue(), 1e-12);
                assertEquals(generic.fx(), fast.fx(), 1e-12);
                assertArrayEquals(generic.values(), fast.values(), 1e-9, output + ", gamma " + gamma);
            }
        }
        // odd and even M: with M even the two halves of a split have equal size and are enumerated side by side
        for (int dim : new int[] {9, 10}) {
            SvmModel small = new SvmModel(0.3, randomRows(random, 5, dim), new double[] {1, -1, 0.5, 2, -0.7}, 0, -2, 0);
            double[][] bg = randomRows(random, 8, dim);
            double[] instance = randomRows(random, 1, dim)[0];
            assertArrayEquals(bruteForceShapley(small::probability, bg, null, instance, Link.LOGIT),
                    KernelShap.forSvm(small, SvmOutput.PROBABILITY, bg, null, Link.LOGIT, 0, 1).explain(instance).values(),
                    1e-6, "M = " + dim);
        }
    }

    @Test
    void valuesAddUpToPredictionMinusExpectationWhenSampled() {
        int m = 27;
        SplittableRandom random = new SplittableRandom(7);
        double[][] background = randomRows(random, 50, m);
        double[] weights = new double[50];
        for (int i = 0; i < weights.length; i++) weights[i] = 1 + random.nextInt(9);
        double[] x = randomRows(random, 1, m)[0];
        ToDoubleFunction<double[]> f = z -> INTERACTIONS.applyAsDouble(z) + z[20] * z[26] - Math.cos(z[13] + z[14]);
        KernelShap shap = new KernelShap(f, background, weights, Link.IDENTITY, KernelShap.AUTO_SAMPLES, 11);
        ShapResult result = shap.explain(x);

        double expected = 0, total = Arrays.stream(weights).sum();
        for (int r = 0; r < background.length; r++) expected += weights[r] / total * f.applyAsDouble(background[r]);
        assertEquals(expected, result.baseValue(), 1e-12);
        assertEquals(f.applyAsDouble(x), result.fx(), 1e-12);
        assertEquals(result.fx() - result.baseValue(), Arrays.stream(result.values()).sum(), 1e-6);
    }

    @Test
    void additiveModelIsExactEvenWithSampledCoalitions() {
        // For f = sum_j g_j(z_j) the Shapley value is g_j(x_j) - E[g_j(b_j)], and the regression fits it exactly
        // from any set of coalitions, so sampling error cannot hide here.
        int m = 27;
        SplittableRandom random = new SplittableRandom(5);
        double[][] background = randomRows(random, 50, m);
        double[] x = randomRows(random, 1, m)[0];
        ToDoubleFunction<double[]> f = z -> {
            double s = 0;
            for (int j = 0; j < z.length; j++) s += Math.sin((j + 1) * 0.3 * z[j]) + 0.1 * j * z[j];
            return s;
        };
        ShapResult result = new KernelShap(f, background, null, Link.IDENTITY, KernelShap.AUTO_SAMPLES, 9).explain(x);
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (double[] b : background) mean += (Math.sin((j + 1) * 0.3 * b[j]) + 0.1 * j * b[j]) / background.length;
            double expected = Math.sin((j + 1) * 0.3 * x[j]) + 0.1 * j * x[j] - mean;
            assertEquals(expected, result.values()[j], 1e-9, "feature " + j);
        }
    }

    @Test
    void interchangeableFeaturesGetEqualValuesAndAnIgnoredFeatureGetsZero() {
        int m = 8;
        SplittableRandom random = new SplittableRandom(13);
        double[][] background = randomRows(random, 10, m);
        for (double[] b : background) b[1] = b[0];
        double[] x = randomRows(random, 1, m)[0];
        x[1] = x[0];
        // symmetric in z0 and z1; z7 is never read
        ToDoubleFunction<double[]> f = z -> Math.tanh(z[0] * z[1] * z[2]) + Math.exp(0.2 * (z[0] + z[1])) + z[3] * z[4]
                - z[5] * z[6] * z[2];
        ShapResult result = new KernelShap(f, background, null, Link.IDENTITY, KernelShap.AUTO_SAMPLES, 2).explain(x);
        assertEquals(result.values()[0], result.values()[1], 1e-9);
        assertTrue(Math.abs(result.values()[0]) > 1e-3, "the symmetric features matter");
        assertEquals(0.0, result.values()[7], 1e-9);
    }

    @Test
    void featureEqualToEveryBackgroundRowGetsZeroAndTheOthersStillAddUp() {
        int m = 5;
        SplittableRandom random = new SplittableRandom(21);
        double[][] background = randomRows(random, 6, m);
        for (double[] b : background) b[2] = 4.0;
        double[] x = randomRows(random, 1, m)[0];
        x[2] = 4.0;
        ToDoubleFunction<double[]> f = z -> z[0] * z[1] * z[2] + z[3] * z[4];
        ShapResult result = new KernelShap(f, background, null, Link.IDENTITY, KernelShap.AUTO_SAMPLES, 2).explain(x);
        assertEquals(0.0, result.values()[2]);
        assertArrayEquals(bruteForceShapley(f, background, null, x, Link.IDENTITY), result.values(), 1e-9);
    }

    @Test
    void sameSeedGivesSameValuesAndAnotherSeedOtherSamples() {
        int m = 16;
        SplittableRandom random = new SplittableRandom(3);
        double[][] background = randomRows(random, 20, m);
        double[] x = randomRows(random, 1, m)[0];
        double[] a = new KernelShap(INTERACTIONS, background, null, Link.IDENTITY, 300, 77).explain(x).values();
        double[] b = new KernelShap(INTERACTIONS, background, null, Link.IDENTITY, 300, 77).explain(x).values();
        double[] c = new KernelShap(INTERACTIONS, background, null, Link.IDENTITY, 300, 78).explain(x).values();
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c), "a different seed draws different coalitions");
    }

    @Test
    void exactEnumerationListsEveryProperNonEmptyCoalitionOnceWithShapleyKernelWeights() {
        int m = 7;
        KernelShap.Coalitions coalitions = KernelShap.Coalitions.build(m, (1 << m) - 2, 0);
        assertEquals((1 << m) - 2, coalitions.size());
        Set<String> seen = new HashSet<>();
        double total = 0;
        double[] bySize = new double[m];
        for (int s = 0; s < coalitions.size(); s++) {
            boolean[] mask = coalitions.masks[s];
            assertTrue(seen.add(Arrays.toString(mask)), "duplicate coalition");
            int size = 0;
            for (boolean b : mask) size += b ? 1 : 0;
            bySize[size] += coalitions.weights[s];
            total += coalitions.weights[s];
            // every coalition of one size carries the same weight
            assertEquals(coalitions.weights[s], bySize[size] / countOfSize(coalitions, size, s), 1e-15);
        }
        assertEquals(1.0, total, 1e-12);
        // the kernel's mass per size is proportional to (M-1)/(s(M-s))
        double norm = 0;
        for (int s = 1; s < m; s++) norm += (m - 1.0) / (s * (m - s));
        for (int s = 1; s < m; s++) assertEquals((m - 1.0) / (s * (m - s)) / norm, bySize[s], 1e-12, "size " + s);
    }

    @Test
    void summaryFindsSeparatedClustersWeightedByTheirSizesAndKeepsDataValues() {
        SplittableRandom random = new SplittableRandom(8);
        int[] sizes = {30, 12, 5};
        double[][] centres = {{0, 0, 1}, {10, 10, 0}, {-10, 10, 1}};
        double[][] rows = new double[47][];
        int r = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < sizes[c]; i++) {
                rows[r++] = new double[] {centres[c][0] + random.nextGaussian(), centres[c][1] + random.nextGaussian(),
                        centres[c][2]};
            }
        }
        KernelShap.Summary summary = KernelShap.summarise(rows, 3, 1);
        double[] weights = summary.weights().clone();
        Arrays.sort(weights);
        assertArrayEquals(new double[] {5, 12, 30}, weights, 0.0);
        for (double[] centre : summary.centres()) {
            for (int j = 0; j < 3; j++) {
                final int col = j;
                assertTrue(Arrays.stream(rows).anyMatch(row -> row[col] == centre[col]), "centre value is a data value");
            }
        }
        KernelShap.Summary again = KernelShap.summarise(rows, 3, 1);
        assertArrayEquals(summary.weights(), again.weights(), 0.0);

        KernelShap.Summary all = KernelShap.summarise(rows, 100, 1);
        assertEquals(47, all.centres().length);
        assertEquals(47.0, Arrays.stream(all.weights()).sum(), 0.0);
    }

    @Test
    void rejectsBadInputWithAMessageThatSaysWhatToDo() {
        double[][] background = {{1, 2, 3}, {2, 3, 4}};
        ToDoubleFunction<double[]> f = z -> z[0] + z[1] * z[2];
        KernelShap shap = new KernelShap(f, background, null, Link.IDENTITY, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shap.explain(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("2 features but the background has 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new KernelShap(f, new double[0][], null, Link.IDENTITY, 0, 1));
        assertTrue(e.getMessage().contains("background is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new KernelShap(f, new double[][] {{1, 2, 3}, {1, 2}}, null, Link.IDENTITY, 0, 1));
        assertTrue(e.getMessage().contains("row 1 has 2 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new KernelShap(f, background, new double[] {1}, Link.IDENTITY, 0, 1));
        assertTrue(e.getMessage().contains("one weight per row"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> shap.explain(new double[] {1, Double.NaN, 3}));
        assertTrue(e.getMessage().contains("impute"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelShap.summarise(new double[0][], 5, 1));
        e = assertThrows(IllegalArgumentException.class,
                () -> new KernelShap(z -> z[0] > 1 ? 1.0 : 0.5, background, null, Link.LOGIT, 0, 1).explain(new double[] {2, 0, 0}));
        assertTrue(e.getMessage().contains("strictly between 0 and 1"), e.getMessage());
        SvmModel svm = new SvmModel(0.5, new double[][] {{1, 2}}, new double[] {1}, 0, -1, 0);
        e = assertThrows(IllegalArgumentException.class,
                () -> KernelShap.forSvm(svm, SvmOutput.DECISION, background, null, Link.IDENTITY, 0, 1));
        assertTrue(e.getMessage().contains("SVM has 2 features but the background rows have 3"), e.getMessage());
    }

    /** The definition: phi_i = sum over S not containing i of |S|!(M-|S|-1)!/M! (v(S+i) - v(S)). */
    static double[] bruteForceShapley(ToDoubleFunction<double[]> f, double[][] background, double[] weights,
                                      double[] x, Link link) {
        int m = x.length;
        double[] v = new double[1 << m];
        double wsum = weights == null ? background.length : Arrays.stream(weights).sum();
        for (int set = 0; set < (1 << m); set++) {
            double e = 0;
            for (int r = 0; r < background.length; r++) {
                double[] z = background[r].clone();
                for (int j = 0; j < m; j++) if ((set & (1 << j)) != 0) z[j] = x[j];
                e += (weights == null ? 1 : weights[r]) / wsum * f.applyAsDouble(z);
            }
            v[set] = link.apply(e);
        }
        double[] factorial = new double[m + 1];
        factorial[0] = 1;
        for (int i = 1; i <= m; i++) factorial[i] = factorial[i - 1] * i;
        double[] phi = new double[m];
        for (int i = 0; i < m; i++) {
            for (int set = 0; set < (1 << m); set++) {
                if ((set & (1 << i)) != 0) continue;
                int s = Integer.bitCount(set);
                phi[i] += factorial[s] * factorial[m - s - 1] / factorial[m] * (v[set | (1 << i)] - v[set]);
            }
        }
        return phi;
    }

    private static int countOfSize(KernelShap.Coalitions coalitions, int size, int upTo) {
        int n = 0;
        for (int s = 0; s <= upTo; s++) {
            int k = 0;
            for (boolean b : coalitions.masks[s]) k += b ? 1 : 0;
            if (k == size) n++;
        }
        return n;
    }

    static double[][] randomRows(SplittableRandom random, int n, int m) {
        double[][] rows = new double[n][m];
        for (double[] row : rows) for (int j = 0; j < m; j++) row[j] = random.nextGaussian();
        return rows;
    }
}
