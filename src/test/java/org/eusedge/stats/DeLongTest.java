package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeLongTest {

    @Test
    void varianceWorkedByHand() {
        // positives 0.9, 0.6; negatives 0.7, 0.2, 0.1
        // V10: 0.9 beats all 3 -> 1; 0.6 beats 2 of 3 -> 2/3.   V01: 0.7 beaten by 1 of 2 -> 1/2; 0.2, 0.1 -> 1, 1
        // AUC = 5/6; var = var(1, 2/3)/2 + var(1/2, 1, 1)/3 = (1/18)/2 + (1/12)/3 = 1/36 + 1/36 = 1/18
        DeLong.Ci ci = DeLong.ci(new double[] {0.9, 0.6, 0.7, 0.2, 0.1}, new int[] {1, 1, 0, 0, 0}, 0.95);
        assertEquals(5.0 / 6, ci.auc(), 1e-15);
        assertEquals(1.0 / 18, ci.variance(), 1e-15);
        assertEquals(1.0, ci.hi(), 0, "clipped to 1");
        assertEquals(5.0 / 6 - 1.959963984540054 * Math.sqrt(1.0 / 18), ci.lo(), 1e-12);
    }

    @Test
    void pairedTestOfAVectorWithItselfGivesZeroAndIsAntisymmetric() {
        double[] a = {0.9, 0.6, 0.7, 0.2, 0.1, 0.4};
        double[] b = {0.3, 0.8, 0.1, 0.5, 0.2, 0.35};
        int[] y = {1, 1, 0, 0, 0, 1};
        assertEquals(0.0, DeLong.paired(a, a, y).z(), 0);
        assertEquals(1.0, DeLong.paired(a, a, y).p(), 0);
        // two perfect rankings: the difference has variance 0 and equal AUCs, pROC reports z = 0
        double[] perfect = {0.9, 0.8, 0.1, 0.2, 0.3, 0.7};
        double[] shifted = {9, 8, 1, 2, 3, 7};
        assertEquals(0.0, DeLong.paired(perfect, shifted, y).z(), 0);
        DeLong.PairedTest ab = DeLong.paired(a, b, y);
        DeLong.PairedTest ba = DeLong.paired(b, a, y);
        assertEquals(-ab.z(), ba.z(), 1e-12);
        assertEquals(ab.p(), ba.p(), 1e-12);
        assertEquals(2 * (1 - new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(
                Math.abs(ab.z()))), ab.p(), 1e-12);
    }

    @Test
    void ciMatchesPROCForEveryVector() {
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = Reference.at("/delong/ci").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (String set : new String[] {"train", "test"}) {
                JsonNode r = e.getValue().get(set);
                DeLong.Ci ci = DeLong.ci(Reference.scores(e.getKey(), set), Reference.labels(set), 0.95);
                String what = e.getKey() + " " + set;
                assertEquals(r.get("auc").asDouble(), ci.auc(), 1e-9, what);
                assertEquals(r.get("lo").asDouble(), ci.lo(), 1e-6, what);
                assertEquals(r.get("hi").asDouble(), ci.hi(), 1e-6, what);
                compared++;
            }
        }
        assertEquals(22, compared);
    }

    @Test
    void pairedTestMatchesPROCRocTest() {
        int compared = 0;
        for (String group : new String[] {"signatures_train", "signatures_test", "models_train", "models_test"}) {
            String set = group.endsWith("train") ? "train" : "test";
            for (Iterator<JsonNode> it = Reference.at("/delong/" + group).elements(); it.hasNext(); ) {
                JsonNode t = it.next();
                DeLong.PairedTest d = DeLong.paired(Reference.scores(t.get("roc1").asText(), set),
                        Reference.scores(t.get("roc2").asText(), set), Reference.labels(set));
                String what = group + " " + t.get("roc1").asText() + " vs " + t.get("roc2").asText();
                assertEquals(t.get("auc1").asDouble(), d.auc1(), 1e-9, what);
                assertEquals(t.get("auc2").asDouble(), d.auc2(), 1e-9, what);
                assertEquals(t.get("z").asDouble(), d.z(), 1e-6, what);
                assertEquals(t.get("p").asDouble(), d.p(), 1e-6, what);
                compared++;
            }
        }
        assertEquals(2 * (3 + 28), compared);
    }

    @Test
    void badInputIsExplained() {
        var few = assertThrows(IllegalArgumentException.class,
                () -> DeLong.ci(new double[] {0.1, 0.2, 0.3}, new int[] {0, 1, 1}, 0.95));
        assertTrue(few.getMessage().contains("at least 2"), few.getMessage());
        var level = assertThrows(IllegalArgumentException.class,
                () -> DeLong.ci(new double[] {0.1, 0.2, 0.3, 0.4}, new int[] {0, 0, 1, 1}, 95));
        assertTrue(level.getMessage().contains("confidence level"), level.getMessage());
        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> DeLong.paired(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.1, 0.2, 0.3},
                        new int[] {0, 0, 1, 1}));
        assertTrue(mismatch.getMessage().contains("score2"), mismatch.getMessage());
    }
}
