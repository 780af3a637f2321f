package org.eusedge.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table 1's tests against closed-form, hand-computed values. */
class Table1Test {
    // 6 PNET then 6 cancer
    private static final int[] Y = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};

    @Test
    void binaryVariableUsesYatesCorrectedChiSquared() {
        // PNET: 5 of 6 have the sign; cancer: 1 of 6. 2 x 2 table a=5 b=1 c=1 d=5, n=12.
        double[] v = {1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0};
        Table1.Categorical row = assertInstanceOf(Table1.Categorical.class, Table1.compute(column(v), new String[] {"sign"}, Y).get(0));
        // Yates closed form: chi2 = n (|ad - bc| - n/2)^2 / ((a+b)(c+d)(a+c)(b+d)) = 12 (24 - 6)^2 / 1296 = 3
        double chi2 = 12.0 * Math.pow(Math.abs(25 - 1) - 6, 2) / (6.0 * 6 * 6 * 6);
        assertEquals(3.0, chi2, 1e-12);
        assertEquals(Erf.erfc(Math.sqrt(chi2 / 2)), row.p(), 1e-12, "df 1: p = erfc(sqrt(chi2 / 2))");
        assertEquals(Table1.CHI2_YATES, row.test());
        assertEquals(List.of(0.0, 1.0), row.levels().stream().map(Table1.Level::value).toList());
        assertEquals(5, row.levels().get(1).nPositive());
        assertEquals(100.0 * 5 / 6, row.levels().get(1).percentPositive(), 1e-12);
        assertEquals(1, row.levels().get(1).nNegative());
    }

    @Test
    void threeLevelVariableUsesPearsonChiSquaredWithoutCorrection() {
        double[] v = {0, 0, 0, 0, 1, 2, 1, 1, 2, 2, 2, 0};
        Table1.Categorical row = assertInstanceOf(Table1.Categorical.class, Table1.compute(column(v), new String[] {"site"}, Y).get(0));
        // observed PNET (4,1,1), cancer (1,2,3); expected 2.5, 1.5, 2 in each row
        double chi2 = sq(4 - 2.5) / 2.5 + sq(1 - 1.5) / 1.5 + sq(1 - 2.0) / 2 + sq(1 - 2.5) / 2.5 + sq(2 - 1.5) / 1.5 + sq(3 - 2.0) / 2;
        assertEquals(Math.exp(-chi2 / 2), row.p(), 1e-12, "df 2: p = exp(-chi2 / 2)");
        assertEquals(Table1.CHI2, row.test());
    }

    @Test
    void symmetricContinuousVariableUsesWelchTTest() {
        double[] v = {50, 52, 47, 55, 49, 51, 60, 66, 58, 63, 71, 62};
        Table1.Continuous row = assertInstanceOf(Table1.Continuous.class, Table1.compute(column(v), new String[] {"age"}, Y).get(0));
        double m1 = 304.0 / 6, m0 = 380.0 / 6;
        double v1 = var(new double[] {50, 52, 47, 55, 49, 51}, m1), v0 = var(new double[] {60, 66, 58, 63, 71, 62}, m0);
        double se2 = v1 / 6 + v0 / 6;
        double t = (m1 - m0) / Math.sqrt(se2);
        double df = se2 * se2 / (sq(v1 / 6) / 5 + sq(v0 / 6) / 5);   // Welch-Satterthwaite
        assertEquals(2 * new TDistribution(df).cumulativeProbability(-Math.abs(t)), row.p(), 1e-10);
        assertEquals(Table1.WELCH, row.test());
        assertEquals(m1, row.meanPositive(), 1e-12);
        assertEquals(Math.sqrt(v0), row.sdNegative(), 1e-12);
    }

    @Test
    void clearlySkewedContinuousVariableUsesMannWhitney() {
        // PNET has one far outlier (skewness > 1); no ties: U1 = 6 (cancer values all exceed PNET's bar 1000)
        double[] v = {10, 11, 12, 13, 14, 1000, 20, 21, 22, 23, 24, 25};
        Table1.Continuous row = assertInstanceOf(Table1.Continuous.class, Table1.compute(column(v), new String[] {"size"}, Y).get(0));
        assertEquals(Table1.MANN_WHITNEY, row.test());
        // normal approximation with continuity correction: mu = 18, sigma^2 = 6*6*13/12 = 39, z = (|6 - 18| - 0.5)/sqrt(39)
        double z = (12 - 0.5) / Math.sqrt(39);
        assertEquals(Erf.erfc(z / Math.sqrt(2)), row.p(), 1e-12);
    }

    @Test
    void refusesASingleClassAndMissingValues() {
        double[][] x = column(new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Table1.compute(x, new String[] {"a"}, new int[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("only label 1"), e.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Table1.compute(column(new double[] {1, Double.NaN, 3, 4}), new String[] {"a"}, new int[] {1, 0, 1, 0}));
        assertTrue(nan.getMessage().contains("impute"), nan.getMessage());
    }

    private static double[][] column(double[] v) {
        double[][] x = new double[v.length][1];
        for (int i = 0; i < v.length; i++) x[i][0] = v[i];
        return x;
    }

    private static double sq(double d) {
        return d * d;
    }

    private static double var(double[] v, double m) {
        double s = 0;
        for (double d : v) s += sq(d - m);
        return s / (v.length - 1);
    }
}
