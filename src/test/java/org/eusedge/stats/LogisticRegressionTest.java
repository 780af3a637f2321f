package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /** a cases exposed with event, b exposed without, c unexposed with event, d unexposed without. */
    private static LogisticFit twoByTwo(int a, int b, int c, int d) {
        int n = a + b + c + d;
        double[][] x = new double[n][1];
        int[] y = new int[n];
        int i = 0;
        for (int k = 0; k < a; k++, i++) { x[i][0] = 1; y[i] = 1; }
        for (int k = 0; k < b; k++, i++) { x[i][0] = 1; y[i] = 0; }
        for (int k = 0; k < c; k++, i++) { x[i][0] = 0; y[i] = 1; }
        for (int k = 0; k < d; k++, i++) { x[i][0] = 0; y[i] = 0; }
        return LogisticRegression.fit(x, y, new String[] {"exposed"});
    }

    @Test
    void twoByTwoTableGivesOddsRatioAdOverBcAndWoolfStandardError() {
        int a = 12, b = 5, c = 7, d = 20;
        var fit = assertInstanceOf(LogisticFit.Fitted.class, twoByTwo(a, b, c, d));
        LogisticFit.Term t = fit.term("exposed");
        double or = (double) a * d / ((double) b * c);
        double se = Math.sqrt(1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d);
        assertEquals(or, t.or(), 1e-10);
        assertEquals(Math.log(or), t.coef(), 1e-10);
        assertEquals(se, t.se(), 1e-10);
        assertEquals(Math.exp(Math.log(or) - 1.959964 * se), t.orCiLow(), 1e-9);
        assertEquals(Math.exp(Math.log(or) + 1.959964 * se), t.orCiHigh(), 1e-9);
        // intercept = log odds among the unexposed
        assertEquals(Math.log(7.0 / 20), fit.term(LogisticFit.INTERCEPT).coef(), 1e-10);
        assertTrue(fit.converged());
        double[] p = fit.predictProbability(new double[][] {{1}, {0}});
        assertEquals(12.0 / 17, p[0], 1e-10);
        assertEquals(7.0 / 27, p[1], 1e-10);
    }

    @Test
    void matchesStatsmodelsUnivariableFits() {
        ClinicalCohort cohort = ClinicalCohort.train();
        JsonNode ref = Reference.at("/clinical/univariable");
        for (String v : cohort.names()) {
            var fit = assertInstanceOf(LogisticFit.Fitted.class,
                    LogisticRegression.fit(cohort.columns(List.of(v)), cohort.y(), new String[] {v}));
            assertTermMatches(ref.get(v), fit.term(v), "univariable " + v);
        }
    }

    @Test
    void matchesStatsmodelsMultivariableFit() {
        ClinicalCohort cohort = ClinicalCohort.train();
        List<String> vars = Reference.strings(Reference.at("/clinical/univariable_significant"));
        var fit = assertInstanceOf(LogisticFit.Fitted.class,
                LogisticRegression.fit(cohort.columns(vars), cohort.y(), vars.toArray(String[]::new)));
        JsonNode terms = Reference.at("/clinical/multivariable/terms");
        assertEquals(Reference.at("/clinical/multivariable/converged").asBoolean(), fit.converged());
        assertEquals(vars.size() + 1, fit.terms().size());
        for (LogisticFit.Term t : fit.terms()) assertTermMatches(terms.get(t.name()), t, "multivariable " + t.name());
    }

    /** 1e-4, relative for the odds ratios; the reference skips terms with SE > 50 (quasi-separation). */
    private static void assertTermMatches(JsonNode r, LogisticFit.Term t, String what) {
        if (r.get("se").asDouble() > 50) return;
        assertEquals(r.get("coef").asDouble(), t.coef(), 1e-4, what);
        assertEquals(r.get("se").asDouble(), t.se(), 1e-4, what);
        assertEquals(r.get("z").asDouble(), t.z(), 1e-4, what);
        assertEquals(r.get("p").asDouble(), t.p(), 1e-4, what);
        for (String k : List.of("or", "or_ci_low", "or_ci_high")) {
            double expected = r.get(k).asDouble();
            double actual = switch (k) {
                case "or" -> t.or();
                case "or_ci_low" -> t.orCiLow();
                default -> t.orCiHigh();
            };
            assertEquals(expected, actual, 1e-4 * Math.max(1, Math.abs(expected)), what + " " + k);
        }
    }

    @Test
    void perfectSeparationIsAFailedFitWithAReason() {
        double[][] x = {{1}, {2}, {3}, {4}, {5}, {6}};
        int[] y = {0, 0, 0, 1, 1, 1};
        var failed = assertInstanceOf(LogisticFit.Failed.class, LogisticRegression.fit(x, y, new String[] {"dose"}));
        assertTrue(failed.reason().contains("separation"), failed.reason());
    }

    @Test
    void quasiSeparationGivesHugeStandardErrorNotAnException() {
        // x = 1 only among events (a zero cell): the MLE of its coefficient is infinite
        var fit = assertInstanceOf(LogisticFit.Fitted.class, twoByTwo(5, 0, 7, 20));
        assertFalse(fit.converged(), "statsmodels stops at 35 iterations without converging");
        assertEquals(LogisticRegression.MAX_ITERATIONS, fit.iterations());
        assertTrue(fit.term("exposed").se() > 50, "SE " + fit.term("exposed").se());
        assertFalse(fit.term("exposed").p() < 0.05, "a zero cell must not look significant");
        // the unexposed group keeps its finite log odds
        assertEquals(Math.log(7.0 / 20), fit.term(LogisticFit.INTERCEPT).coef(), 1e-8);
    }

    @Test
    void collinearDesignIsAFailedFitNamingTheColumn() {
        double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}, {6, 12}};
        int[] y = {0, 1, 0, 1, 1, 0};
        var failed = assertInstanceOf(LogisticFit.Failed.class,
                LogisticRegression.fit(x, y, new String[] {"size_mm", "size_half_mm"}));
        assertTrue(failed.reason().contains("'size_half_mm'"), failed.reason());
        var constant = assertInstanceOf(LogisticFit.Failed.class,
                LogisticRegression.fit(new double[][] {{3}, {3}, {3}, {3}}, new int[] {0, 1, 0, 1}, new String[] {"flag"}));
        assertTrue(constant.reason().contains("'flag'"), constant.reason());
    }

    @Test
    void badInputIsExplained() {
        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[][] {{1}, {2}, {3}}, new int[] {0, 1}, new String[] {"a"}));
        assertTrue(mismatch.getMessage().contains("3 rows") && mismatch.getMessage().contains("2 labels"));
        var nan = assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(
                new double[][] {{1}, {Double.NaN}, {3}, {4}}, new int[] {0, 1, 0, 1}, new String[] {"a"}));
        assertTrue(nan.getMessage().contains("x[1][0] is NaN"), nan.getMessage());
        var single = assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(
                new double[][] {{1}, {2}, {3}, {4}}, new int[] {1, 1, 1, 1}, new String[] {"a"}));
        assertTrue(single.getMessage().contains("both classes"), single.getMessage());
        var width = assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(
                new double[][] {{1, 2}, {2, 3}, {3, 4}, {4, 5}}, new int[] {0, 1, 0, 1}, new String[] {"a"}));
        assertTrue(width.getMessage().contains("row 0"), width.getMessage());
    }
}
