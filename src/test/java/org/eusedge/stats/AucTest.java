package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AucTest {

    @Test
    void tiesCountHalfWorkedByHand() {
        // positives 0.8, 0.5, 0.5; negatives 0.5, 0.2.
        // pairs: (0.8,0.5)=1 (0.8,0.2)=1 (0.5,0.5)=1/2 (0.5,0.2)=1 twice -> (1+1+0.5+1+0.5+1)/6 = 5/6
        double[] s = {0.8, 0.5, 0.5, 0.5, 0.2};
        int[] y = {1, 1, 1, 0, 0};
        assertEquals(5.0 / 6.0, Auc.of(s, y), 1e-15);
    }

    @Test
    void perfectAndReversedRanking() {
        double[] s = {0.1, 0.2, 0.3, 0.4};
        assertEquals(1.0, Auc.of(s, new int[] {0, 0, 1, 1}), 0);
        assertEquals(0.0, Auc.of(s, new int[] {1, 1, 0, 0}), 0);
        assertEquals(0.5, Auc.of(new double[] {3, 3, 3, 3}, new int[] {1, 0, 1, 0}), 0);
    }

    @Test
    void matchesReferenceAucOfEveryVector() {
        List<String> names = new ArrayList<>(Reference.models());
        int compared = 0;
        for (String m : names) {
            assertEquals(Reference.at("/models/" + m + "/auc_train").asDouble(),
                    Auc.of(Reference.scores(m, "train"), Reference.labels("train")), 1e-12, m);
            assertEquals(Reference.at("/models/" + m + "/auc_test").asDouble(),
                    Auc.of(Reference.scores(m, "test"), Reference.labels("test")), 1e-12, m);
            assertEquals(Reference.at("/models/" + m + "/auc_oof").asDouble(),
                    Auc.of(Reference.scores(m, "oof"), Reference.labels("oof")), 1e-12, m);
            compared += 3;
        }
        for (String sig : List.of("DL_sig", "Clinic_sig", "Nomogram")) {
            for (String set : List.of("train", "test")) {
                assertEquals(Reference.at("/signatures/" + sig + "/auc_" + set).asDouble(),
                        Auc.of(Reference.scores(sig, set), Reference.labels(set)), 1e-12, sig + " " + set);
                compared++;
            }
        }
        assertEquals(8 * 3 + 6, compared);
    }

    @Test
    void badInputIsExplained() {
        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> Auc.of(new double[] {0.1, 0.2}, new int[] {0, 1, 1}));
        assertTrue(mismatch.getMessage().contains("2 values") && mismatch.getMessage().contains("3 labels"),
                mismatch.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> Auc.of(new double[] {0.1, Double.NaN}, new int[] {0, 1}));
        assertTrue(nan.getMessage().contains("score[1] is NaN"), nan.getMessage());
        var single = assertThrows(IllegalArgumentException.class,
                () -> Auc.of(new double[] {0.1, 0.2}, new int[] {1, 1}));
        assertTrue(single.getMessage().contains("both classes"), single.getMessage());
        var label = assertThrows(IllegalArgumentException.class,
                () -> Auc.of(new double[] {0.1, 0.2}, new int[] {0, 2}));
        assertTrue(label.getMessage().contains("label[1] is 2"), label.getMessage());
    }
}
