package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdMetricsTest {

    @Test
    void youdenTiesGoToTheHighestThreshold() {
        // scores 0.9(1) 0.7(0) 0.6(1) 0.4(0): t=0.9 -> J = 1/2 - 0 ; t=0.6 -> J = 1 - 1/2 ; both 0.5 -> 0.9 wins
        ThresholdMetrics.Youden yd = ThresholdMetrics.youden(new double[] {0.9, 0.7, 0.6, 0.4}, new int[] {1, 0, 1, 0});
        assertEquals(0.9, yd.threshold(), 0);
        assertEquals(0.5, yd.j(), 0);
    }

    @Test
    void noThresholdBetterThanNobodyGivesMaxPlusOneAsSklearn12() {
        ThresholdMetrics.Youden yd = ThresholdMetrics.youden(new double[] {0.2, 0.8, 0.3, 0.7}, new int[] {0, 0, 1, 1});
        // J at 0.8: 0 - 1/2 ; 0.7: 1/2 - 1/2 = 0 ; 0.3: 1 - 1/2 ; so 0.3 is best with J = 1/2
        assertEquals(0.3, yd.threshold(), 0);
        ThresholdMetrics.Youden none = ThresholdMetrics.youden(new double[] {0.9, 0.1}, new int[] {0, 1});
        assertEquals(1.9, none.threshold(), 1e-15);
        assertEquals(0.0, none.j(), 0);
    }

    @Test
    void confusionByHandWithUndefinedRatiosAsNaN() {
        double[] s = {0.9, 0.5, 0.5, 0.3, 0.1};
        int[] y = {1, 1, 0, 1, 0};
        ThresholdMetrics.Confusion c = ThresholdMetrics.at(s, y, 0.5); // >= 0.5 positive: 0.9, 0.5, 0.5
        assertEquals(List.of(2, 1, 1, 1), List.of(c.tp(), c.fp(), c.tn(), c.fn()));
        assertEquals(3.0 / 5, c.accuracy(), 1e-15);
        assertEquals(2.0 / 3, c.sensitivity(), 1e-15);
        assertEquals(1.0 / 2, c.specificity(), 1e-15);
        assertEquals(2.0 / 3, c.ppv(), 1e-15);
        assertEquals(1.0 / 2, c.npv(), 1e-15);
        assertEquals(4.0 / 6, c.f1(), 1e-15);
        ThresholdMetrics.Confusion none = ThresholdMetrics.at(s, y, 0.95);
        assertTrue(Double.isNaN(none.ppv()), "nobody called positive: PPV undefined");
        assertEquals(0.0, none.f1(), 0);
    }

    @Test
    void matchesReferenceMetricsOfEveryVector() {
        List<String[]> blocks = new ArrayList<>();
        for (String m : Reference.models()) blocks.add(new String[] {m, "/models/" + m + "/metrics"});
        for (String s : List.of("DL_sig", "Clinic_sig", "Nomogram")) blocks.add(new String[] {s, "/signatures/" + s + "/metrics"});
        int compared = 0;
        for (String[] b : blocks) {
            JsonNode ref = Reference.at(b[1]);
            double[] train = Reference.scores(b[0], "train");
            ThresholdMetrics.Youden yd = ThresholdMetrics.youden(train, Reference.labels("train"));
            assertEquals(ref.get("youden_threshold").asDouble(), yd.threshold(), 0, b[0]);
            assertEquals(ref.get("youden_j_train").asDouble(), yd.j(), 1e-15, b[0]);
            for (String set : List.of("train", "test")) {
                for (String rule : List.of("youden", "p0.5")) {
                    JsonNode r = ref.get(set).get(rule);
                    double t = "youden".equals(rule) ? yd.threshold() : 0.5;
                    ThresholdMetrics.Confusion c = ThresholdMetrics.at(Reference.scores(b[0], set), Reference.labels(set), t);
                    String what = b[0] + " " + set + " " + rule;
                    assertEquals(r.get("threshold").asDouble(), c.threshold(), 0, what);
                    assertEquals(List.of(r.get("tp").asInt(), r.get("fp").asInt(), r.get("tn").asInt(), r.get("fn").asInt()),
                            List.of(c.tp(), c.fp(), c.tn(), c.fn()), what);
                    assertEquals(Reference.number(r.get("accuracy")), c.accuracy(), 1e-12, what);
                    assertEquals(Reference.number(r.get("sensitivity")), c.sensitivity(), 1e-12, what);
                    assertEquals(Reference.number(r.get("specificity")), c.specificity(), 1e-12, what);
                    assertEquals(Reference.number(r.get("ppv")), c.ppv(), 1e-12, what);
                    assertEquals(Reference.number(r.get("npv")), c.npv(), 1e-12, what);
                    assertEquals(Reference.number(r.get("f1")), c.f1(), 1e-12, what);
                    compared++;
                }
            }
        }
        assertEquals(11 * 4, compared);
    }

    @Test
    void badInputIsExplained() {
        var single = assertThrows(IllegalArgumentException.class,
                () -> ThresholdMetrics.youden(new double[] {0.1, 0.2}, new int[] {0, 0}));
        assertTrue(single.getMessage().contains("both classes"), single.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> ThresholdMetrics.at(new double[] {0.1, 0.2}, new int[] {0, 1}, Double.NaN));
        assertTrue(nan.getMessage().contains("threshold"), nan.getMessage());
        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> ThresholdMetrics.at(new double[] {0.1}, new int[] {0, 1}, 0.5));
        assertTrue(mismatch.getMessage().contains("1 values but there are 2 labels"), mismatch.getMessage());
    }
}
