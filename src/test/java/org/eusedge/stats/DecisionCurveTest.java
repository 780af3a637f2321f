package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionCurveTest {
    private static final List<String> SIGNATURES = List.of("DL_sig", "Clinic_sig", "Nomogram");

    @Test
    void netBenefitByHand() {
        // p: 0.8(1) 0.6(0) 0.4(1) 0.2(0) 0.1(0); at pt = 0.5 treated: 0.8, 0.6 -> TP 1, FP 1, n 5
        // NB = 1/5 - 1/5 * 0.5/0.5 = 0 ; at pt = 0.25: treated 0.8 0.6 0.4 -> TP 2 FP 1: 2/5 - 1/5 * 1/3 = 1/3
        double[] p = {0.8, 0.6, 0.4, 0.2, 0.1};
        int[] y = {1, 0, 1, 0, 0};
        double[] nb = DecisionCurve.netBenefit(p, y, new double[] {0.5, 0.25, 0.6});
        assertEquals(0.0, nb[0], 1e-15);
        assertEquals(1.0 / 3, nb[1], 1e-15);
        assertEquals(1.0 / 5 - 1.0 / 5 * 1.5, nb[2], 1e-15, "p >= pt: the 0.6 case is treated at pt 0.6");
        double[] all = DecisionCurve.treatAll(y, new double[] {0.25});
        assertEquals(2.0 / 5 - 3.0 / 5 * (1.0 / 3), all[0], 1e-15);
        var impact = ClinicalImpact.curve(p, y, new double[] {0.25});
        assertEquals(600.0, impact.get(0).nHighRisk(), 1e-12);
        assertEquals(400.0, impact.get(0).nHighRiskWithEvent(), 1e-12);
    }

    @Test
    void treatingEveryoneWithAConstantScoreEqualsTreatAll() {
        int[] y = {1, 0, 0, 1, 0, 0, 0};
        double[] p = new double[y.length];
        java.util.Arrays.fill(p, 0.999);
        double[] t = DecisionCurve.standardThresholds();
        double[] nb = DecisionCurve.netBenefit(p, y, t);
        double[] all = DecisionCurve.treatAll(y, t);
        for (int k = 0; k < t.length; k++) assertEquals(all[k], nb[k], 1e-12);
    }

    @Test
    void matchesReferenceDcaAndCic() {
        double[] t = DecisionCurve.standardThresholds();
        assertEquals(99, t.length);
        Map<String, double[]> nb = new HashMap<>();
        Map<String, List<ClinicalImpact.Point>> cic = new HashMap<>();
        Map<String, double[]> all = new HashMap<>();
        for (String set : List.of("train", "test")) {
            all.put(set, DecisionCurve.treatAll(Reference.labels(set), t));
            for (String m : SIGNATURES) {
                nb.put(set + m, DecisionCurve.netBenefit(Reference.scores(m, set), Reference.labels(set), t));
                cic.put(set + m, ClinicalImpact.curve(Reference.scores(m, set), Reference.labels(set), t));
            }
        }
        JsonNode dca = Reference.at("/dca");
        assertEquals(198, dca.size());
        for (int r = 0; r < dca.size(); r++) {
            JsonNode rec = dca.get(r);
            String set = rec.get("set").asText();
            int k = (int) Math.round(rec.get("threshold").asDouble() * 100) - 1;
            assertEquals(rec.get("threshold").asDouble(), t[k], 0);
            assertEquals(rec.get("treat_all").asDouble(), all.get(set)[k], 1e-9, "treat_all " + r);
            for (String m : SIGNATURES) assertEquals(rec.get(m).asDouble(), nb.get(set + m)[k], 1e-9, m + " " + r);
        }
        JsonNode ref = Reference.at("/cic");
        assertEquals(594, ref.size());
        for (JsonNode rec : ref) {
            int k = (int) Math.round(rec.get("threshold").asDouble() * 100) - 1;
            ClinicalImpact.Point pt = cic.get(rec.get("set").asText() + rec.get("model").asText()).get(k);
            assertEquals(rec.get("threshold").asDouble(), pt.threshold(), 0);
            assertEquals(rec.get("n_high_risk").asDouble(), pt.nHighRisk(), 1e-9);
            assertEquals(rec.get("n_high_risk_with_event").asDouble(), pt.nHighRiskWithEvent(), 1e-9);
        }
    }

    @Test
    void badInputIsExplained() {
        var t = assertThrows(IllegalArgumentException.class,
                () -> DecisionCurve.netBenefit(new double[] {0.2, 0.8}, new int[] {0, 1}, new double[] {0.5, 1.0}));
        assertTrue(t.getMessage().contains("threshold[1] is 1.0"), t.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> ClinicalImpact.curve(new double[] {Double.NaN, 0.8}, new int[] {0, 1}, new double[] {0.5}));
        assertTrue(nan.getMessage().contains("[0] is NaN"), nan.getMessage());
        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> DecisionCurve.netBenefit(new double[] {0.2}, new int[] {0, 1}, new double[] {0.5}));
        assertTrue(mismatch.getMessage().contains("1 values but there are 2 labels"), mismatch.getMessage());
    }
}
