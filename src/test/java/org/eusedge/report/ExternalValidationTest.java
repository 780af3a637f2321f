package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluating the reference example's test split as if it were an external cohort gives the reference's test numbers,
 * with the train side taken from the saved training results.
 */
class ExternalValidationTest {

    @Test
    void externalCohortGetsTheReferenceTestNumbers(@TempDir Path temp) throws Exception {
        Path saved = temp.resolve("bundle/results.json");
        ReferenceExample.results().write(saved);
        EvaluationResults training = EvaluationResults.read(saved);
        JsonNode ref = ReferenceExample.reference();
        EvaluationResults r = ExternalValidation.results(training, "external: held-out split", ReferenceExample.yTest(), null,
                ReferenceExample.scores("DL_sig").test(), ReferenceExample.scores("Clinic_sig").test(),
                ReferenceExample.scores("Nomogram").test(), 100, 0);
        for (String s : List.of("DL_sig", "Clinic_sig", "Nomogram")) {
            assertEquals(ref.at("/signatures/" + s + "/auc_test").asDouble(), r.at("/signatures/" + s + "/auc_test").asDouble(), 1e-6);
            assertEquals(ref.at("/signatures/" + s + "/metrics/test/youden/tp").asInt(), r.at("/signatures/" + s + "/metrics/test/youden/tp").asInt(),
                    s + ": the train Youden threshold is applied to the external cohort");
        }
        for (int i = 99; i < 198; i++) {
            assertEquals(ref.at("/dca/" + i + "/Nomogram").asDouble(), r.at("/dca/" + i + "/Nomogram").asDouble(), 1e-9);
        }
        assertEquals(ref.at("/calibration/test/mae_lowess").asDouble(), r.at("/calibration/test/mae_lowess").asDouble(), 1e-6);
        Path html = temp.resolve("external/report.html");
        HtmlReport.write(r, html);
        String page = Files.readString(html);
        HtmlReportTest.parse(page);
        assertTrue(page.contains("ROC curves, external: held-out split"));
    }

    @Test
    void refusesMissingDeepScoresWhenTheBundleHasADeepSignature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExternalValidation.results(
                ReferenceExample.results(), "external", ReferenceExample.yTest(), null, null,
                ReferenceExample.scores("Clinic_sig").test(), ReferenceExample.scores("Nomogram").test(), 10, 0));
        assertTrue(e.getMessage().contains("pass the external cohort's DL_sig scores"), e.getMessage());
    }
}
