package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class NomogramFitTest {

    private static NomogramFit.Nomogram referenceNomogram() {
        return NomogramFit.fit(Reference.scores("DL_sig", "train"), Reference.scores("Clinic_sig", "train"),
                Reference.labels("train"));
    }

    @Test
    void coefficientsMatchRmsLrm() {
        NomogramFit.Nomogram nom = referenceNomogram();
        JsonNode coef = Reference.at("/nomogram/coef");
        JsonNode se = Reference.at("/nomogram/se");
        assertEquals(coef.get("Intercept").asDouble(), nom.model().term(LogisticFit.INTERCEPT).coef(), 1e-4);
        assertEquals(se.get("Intercept").asDouble(), nom.model().term(LogisticFit.INTERCEPT).se(), 1e-4);
        for (String v : List.of("DL_sig", "Clinic_sig")) {
            assertEquals(coef.get(v).asDouble(), nom.model().term(v).coef(), 1e-4, v);
            assertEquals(se.get(v).asDouble(), nom.model().term(v).se(), 1e-4, v);
            assertEquals(Reference.at("/nomogram/wald_p/" + v).asDouble(), nom.model().term(v).p(), 1e-6, v);
        }
        // lrm's Model L.R. = 2 (logL(model) - logL(intercept only)), computed here from the log-likelihood
        int[] y = Reference.labels("train");
        double prev = java.util.Arrays.stream(y).average().orElseThrow();
        double ll0 = y.length * (prev * Math.log(prev) + (1 - prev) * Math.log(1 - prev));
        assertEquals(Reference.at("/nomogram/stats/Model L.R.").asDouble(), 2 * (nom.model().logLikelihood() - ll0), 1e-3);
    }

    @Test
    void summaryStatisticsMatchLrm() {
        NomogramFit.Stats s = referenceNomogram().stats();
        JsonNode ref = Reference.at("/nomogram/stats");
        assertEquals(ref.get("Model L.R.").asDouble(), s.modelLr(), 1e-4);
        assertEquals(ref.get("d.f.").asInt(), s.df());
        assertEquals(ref.get("P").asDouble(), s.p(), 1e-12);
        assertEquals(ref.get("C").asDouble(), s.c(), 1e-9);
        assertEquals(ref.get("Dxy").asDouble(), s.dxy(), 1e-9);
        assertEquals(ref.get("R2").asDouble(), s.r2(), 1e-6);
        assertEquals(ref.get("Brier").asDouble(), s.brier(), 1e-6);
    }

    @Test
    void pointsScaleAndAxesMatchRmsNomogram() {
        NomogramFit.Nomogram nom = referenceNomogram();
        JsonNode ref = Reference.at("/nomogram");
        assertEquals(ref.get("points_per_lp_unit").asDouble(), nom.pointsPerLpUnit(), 1e-4);
        assertEquals(ref.get("lp_at_zero_total_points").asDouble(), nom.lpAtZeroTotalPoints(), 1e-4);
        for (String v : List.of("DL_sig", "Clinic_sig")) {
            JsonNode r = ref.get("points").get(v);
            NomogramFit.Axis a = nom.axis(v);
            assertArrayEquals(Reference.doubles(r.get("values")), a.values(), 1e-12, v);
            double[] expected = Reference.doubles(r.get("points"));
            double[] actual = a.points();
            assertEquals(expected.length, actual.length);
            for (int k = 0; k < expected.length; k++) assertEquals(expected[k], actual[k], 0.01, v + " tick " + k);
            assertEquals(r.get("beta").asDouble(), a.beta(), 1e-4, v);
            assertEquals(r.get("points_per_unit").asDouble(), a.pointsPerUnit(), 1e-3, v);
            assertEquals(r.get("axis_min_xbeta").asDouble(), a.axisMinXbeta(), 1e-4, v);
            assertEquals(r.get("axis_max_xbeta").asDouble(), a.axisMaxXbeta(), 1e-4, v);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], nom.points(v, a.values()[k]), 0.01, v + " points()");
            }
        }
    }

    @Test
    void totalPointsToProbabilityAndRiskAxisMatchRms() {
        NomogramFit.Nomogram nom = referenceNomogram();
        JsonNode grid = Reference.at("/nomogram/total_points_to_prob");
        double[] totals = Reference.doubles(grid.get("total_points"));
        assertArrayEquals(totals, nom.totalPointsGrid(10), 0);
        double[] probs = Reference.doubles(grid.get("prob"));
        for (int k = 0; k < totals.length; k++) {
            assertEquals(probs[k], nom.probabilityOfTotalPoints(totals[k]), 1e-6, "total " + totals[k]);
        }
        JsonNode risk = Reference.at("/nomogram/risk_axis");
        assertArrayEquals(Reference.doubles(risk.get("prob")), nom.riskTicks(), 1e-12);
        double[] tickPoints = Reference.doubles(risk.get("total_points"));
        assertEquals(tickPoints.length, nom.riskTickTotalPoints().length);
        for (int k = 0; k < tickPoints.length; k++) {
            assertEquals(tickPoints[k], nom.riskTickTotalPoints()[k], 0.01, "risk tick " + k);
        }
    }

    @Test
    void probabilityFromPointsEqualsTheModelAndTheReferenceNomogramScores() {
        NomogramFit.Nomogram nom = referenceNomogram();
        for (String set : List.of("train", "test")) {
            double[] dl = Reference.scores("DL_sig", set);
            double[] cl = Reference.scores("Clinic_sig", set);
            double[] expected = Reference.scores("Nomogram", set);
            double[][] x = new double[dl.length][];
            for (int i = 0; i < dl.length; i++) x[i] = new double[] {dl[i], cl[i]};
            double[] model = nom.model().predictProbability(x);
            for (int i = 0; i < dl.length; i++) {
                assertEquals(model[i], nom.probability(dl[i], cl[i]), 1e-12, "points route = model, case " + i);
                assertEquals(expected[i], model[i], 1e-4, set + " case " + i);
            }
        }
    }

    @Test
    void negativeCoefficientPutsZeroPointsAtTheTopOfTheAxisAndDiscreteValuesAreKept() {
        // risk falls with x1 (continuous) and rises with a 3-level x2: points of x1 are 0 at its largest tick
        int n = 60;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = (i * 7919 % 97) / 9.7;
            x[i][1] = i % 3;
            double lp = 1.5 - 0.4 * x[i][0] + 0.8 * x[i][1];
            y[i] = ((i * 31) % 100) / 100.0 < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
        }
        NomogramFit.Nomogram nom = NomogramFit.fit(x, new String[] {"x1", "x2"}, y);
        NomogramFit.Axis a1 = nom.axis("x1");
        assertTrue(a1.beta() < 0, "beta " + a1.beta());
        double[] v1 = a1.values();
        assertEquals(0.0, a1.points()[v1.length - 1], 1e-12);
        assertEquals(a1.beta() * v1[v1.length - 1], a1.axisMinXbeta(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 2}, nom.axis("x2").values(), 0);
        double widest = Math.max(a1.axisMaxXbeta() - a1.axisMinXbeta(),
                nom.axis("x2").axisMaxXbeta() - nom.axis("x2").axisMinXbeta());
        assertEquals(100 / widest, nom.pointsPerLpUnit(), 1e-12);
        double maxPoints = Math.max(a1.points()[0], nom.axis("x2").points()[2]);
        assertEquals(100, maxPoints, 1e-9, "the widest axis spans exactly 100 points");
    }

    @Test
    void separatedSignaturesGiveAClearError() {
        double[] dl = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
        double[] cl = {0.5, 0.4, 0.6, 0.5, 0.3, 0.6};
        var e = assertThrows(IllegalArgumentException.class, () -> NomogramFit.fit(dl, cl, new int[] {0, 0, 0, 1, 1, 1}));
        assertTrue(e.getMessage().contains("cannot build the nomogram") && e.getMessage().contains("separation"),
                e.getMessage());
    }
}
