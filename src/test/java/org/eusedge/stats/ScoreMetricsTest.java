package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreMetricsTest {

    @Test
    void assemblesTheReferenceBlockOfEachSignature() {
        for (String sig : List.of("DL_sig", "Clinic_sig", "Nomogram")) {
            ScoreMetrics m = ScoreMetrics.of(Reference.scores(sig, "train"), Reference.labels("train"),
                    Reference.scores(sig, "test"), Reference.labels("test"));
            JsonNode ref = Reference.at("/signatures/" + sig);
            assertEquals(ref.get("auc_train").asDouble(), m.train().auc(), 1e-12, sig);
            assertEquals(ref.get("auc_test").asDouble(), m.test().auc(), 1e-12, sig);
            assertEquals(ref.get("auc_test_ci_delong").get(0).asDouble(), m.test().lo(), 1e-6, sig);
            assertEquals(ref.get("auc_test_ci_delong").get(1).asDouble(), m.test().hi(), 1e-6, sig);
            assertEquals(ref.get("auc_train_ci_delong").get(0).asDouble(), m.train().lo(), 1e-6, sig);
            JsonNode metrics = ref.get("metrics");
            assertEquals(metrics.get("youden_threshold").asDouble(), m.youden().threshold(), 0, sig);
            assertEquals(metrics.at("/test/youden/tp").asInt(), m.testAtYouden().tp(), sig);
            assertEquals(metrics.at("/test/p0.5/fp").asInt(), m.testAtHalf().fp(), sig);
            assertEquals(metrics.at("/train/youden/tn").asInt(), m.trainAtYouden().tn(), sig);
            assertEquals(Reference.number(metrics.at("/train/p0.5/npv")), m.trainAtHalf().npv(), 1e-12, sig);
        }
    }
}
