package org.eusedge.report;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.eusedge.training.selection.MannWhitney;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The study's Table 1: each clinical variable by class (label 1 = PNET, label 0 = cancer) with a p-value.
 *
 * <p>Rules (the study does not state them; they are printed in the report):
 * <ul>
 *   <li>a variable is categorical when all its values are integers and it has at most {@value #MAX_LEVELS}
 *       distinct values; otherwise continuous;</li>
 *   <li>continuous: mean ± SD (SD with n - 1) per class; Welch's unequal-variance t-test (R {@code t.test}
 *       default), or the Mann-Whitney U test (normal approximation with tie and continuity correction) when the
 *       sample skewness of either class exceeds {@value #SKEW_LIMIT} in absolute value (clearly non-normal);</li>
 *   <li>categorical: n (%) per level and class; Pearson chi-squared on the class x level table, with Yates'
 *       continuity correction for a 2 x 2 table (R {@code chisq.test} and scipy {@code chi2_contingency}
 *       defaults). commons-math3 has no Yates correction, so the 2 x 2 case is computed here.</li>
 * </ul>
 */
public final class Table1 {
    public static final int MAX_LEVELS = 5;
    public static final double SKEW_LIMIT = 1.0;
    public static final String WELCH = "Welch t-test";
    public static final String MANN_WHITNEY = "Mann-Whitney U";
    public static final String CHI2_YATES = "chi-squared (Yates)";
    public static final String CHI2 = "chi-squared";
    public static final String NONE = "none (one value only)";
    public static final String RULES = "Table 1: a variable is categorical when its values are integers with at most "
            + MAX_LEVELS + " distinct values; continuous variables are mean \u00b1 SD with Welch's t-test, or the "
            + "Mann-Whitney U test when either class has |skewness| > " + SKEW_LIMIT + "; categorical variables are "
            + "n (%) with Pearson's chi-squared test, Yates-corrected for 2 x 2 tables.";

    private Table1() {}

    public sealed interface Row permits Continuous, Categorical {
        String variable();

        double p();

        String test();
    }

    public record Continuous(String variable, int nPositive, double meanPositive, double sdPositive, int nNegative,
                             double meanNegative, double sdNegative, double p, String test) implements Row {}

    /** One level of a categorical variable: its count and percentage within each class. */
    public record Level(double value, int nPositive, double percentPositive, int nNegative, double percentNegative) {}

    public record Categorical(String variable, List<Level> levels, double p, String test) implements Row {
        public Categorical {
            levels = List.copyOf(levels);
        }
    }

    /** @param raw one row per case, columns named by {@code names}; @param y 0/1 labels, both classes present */
    public static List<Row> compute(double[][] raw, String[] names, int[] y) {
        if (raw == null || y == null || raw.length != y.length) {
            throw new IllegalArgumentException("Table 1 needs one label per row: got " + (raw == null ? "no" : raw.length)
                    + " rows and " + (y == null ? "no" : y.length) + " labels");
        }
        int nPos = 0;
        for (int v : y) {
            if (v != 0 && v != 1) throw new IllegalArgumentException("labels must be 0 or 1, got " + v);
            nPos += v;
        }
        if (nPos == 0 || nPos == y.length) {
            throw new IllegalArgumentException("Table 1 compares the classes but only label " + y[0] + " is present");
        }
        List<Row> rows = new ArrayList<>(names.length);
        for (int j = 0; j < names.length; j++) {
            double[] column = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                if (raw[i].length != names.length) {
                    throw new IllegalArgumentException("row " + i + " has " + raw[i].length + " values but " + names.length
                            + " names were given");
                }
                column[i] = raw[i][j];
                if (!Double.isFinite(column[i])) {
                    throw new IllegalArgumentException(names[j] + " of row " + i + " is " + column[i]
                            + ": impute or drop missing values before Table 1");
                }
            }
            rows.add(isCategorical(column) ? categorical(names[j], column, y) : continuous(names[j], column, y));
        }
        return List.copyOf(rows);
    }

    static boolean isCategorical(double[] column) {
        for (double v : column) if (v != Math.rint(v)) return false;
        return Arrays.stream(column).distinct().count() <= MAX_LEVELS;
    }

    private static Continuous continuous(String name, double[] x, int[] y) {
        double[] pos = byClass(x, y, 1), neg = byClass(x, y, 0);
        boolean skewed = Math.abs(skewness(pos)) > SKEW_LIMIT || Math.abs(skewness(neg)) > SKEW_LIMIT;
        double p;
        String test;
        if (skewed) {
            p = MannWhitney.test(pos, neg).p();
            test = MANN_WHITNEY;
        } else if (pos.length < 2 || neg.length < 2) {
            p = Double.NaN;
            test = NONE;
        } else {
            p = new TTest().tTest(pos, neg);
            test = WELCH;
        }
        return new Continuous(name, pos.length, mean(pos), sd(pos), neg.length, mean(neg), sd(neg), p, test);
    }

    private static Categorical categorical(String name, double[] x, int[] y) {
        double[] values = Arrays.stream(x).distinct().sorted().toArray();
        long[][] table = new long[2][values.length];
        for (int i = 0; i < x.length; i++) table[y[i] == 1 ? 0 : 1][Arrays.binarySearch(values, x[i])]++;
        long nPos = Arrays.stream(table[0]).sum(), nNeg = Arrays.stream(table[1]).sum();
        List<Level> levels = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            levels.add(new Level(values[k], (int) table[0][k], 100.0 * table[0][k] / nPos, (int) table[1][k],
                    100.0 * table[1][k] / nNeg));
        }
        if (values.length < 2) return new Categorical(name, levels, Double.NaN, NONE);
        if (values.length == 2) return new Categorical(name, levels, yatesP(table), CHI2_YATES);
        return new Categorical(name, levels, new ChiSquareTest().chiSquareTest(table), CHI2);
    }

    /** Pearson chi-squared of a 2 x 2 table with Yates' correction: |O - E| reduced by min(0.5, |O - E|). */
    static double yatesP(long[][] t) {
        double n = t[0][0] + t[0][1] + t[1][0] + t[1][1];
        double chi2 = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double expected = (t[r][0] + t[r][1]) * (double) (t[0][c] + t[1][c]) / n;
                double d = Math.abs(t[r][c] - expected);
                d -= Math.min(0.5, d);
                chi2 += d * d / expected;
            }
        }
        return 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(chi2);
    }

    private static double[] byClass(double[] x, int[] y, int label) {
        return java.util.stream.IntStream.range(0, x.length).filter(i -> y[i] == label).mapToDouble(i -> x[i]).toArray();
    }

    private static double skewness(double[] v) {
        if (v.length < 3) return 0;
        double s = new Skewness().evaluate(v);
        return Double.isNaN(s) ? 0 : s;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double sd(double[] v) {
        if (v.length < 2) return Double.NaN;
        double m = mean(v), ss = 0;
        for (double d : v) ss += (d - m) * (d - m);
        return Math.sqrt(ss / (v.length - 1));
    }
}
