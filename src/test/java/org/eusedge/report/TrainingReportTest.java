package org.eusedge.report;

import org.eusedge.stats.Auc;
import org.eusedge.testing.SharedData;
import org.eusedge.training.FeatureTable;
import org.eusedge.training.FittedModel;
import org.eusedge.training.ModelFitter;
import org.eusedge.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a real trainer fit (the reference example's feature table through ModelFitter). */
class TrainingReportTest {

    @Test
    void reportsWhatTheTrainerFitted(@TempDir Path temp) throws Exception {
        FeatureTable table = FeatureTable.readCsv(SharedData.path("reference/example/synthetic_seed1.csv"),
                List.of(ReferenceExample.CLINICAL));
        FittedModel f = ModelFitter.fit(table, TrainingSettings.defaults(), line -> {});
        Path out = temp.resolve("bundle");
        List<Path> written = TrainingReport.write(f,
                TrainingReport.Options.of("Trainer fit of the reference example", "PNET", "cancer").withBootstrap(200, 0), out);
        assertTrue(Files.exists(out.resolve(TrainingReport.REPORT_HTML)));
        assertEquals(6, written.size());
        EvaluationResults r = EvaluationResults.read(out.resolve(HtmlReport.RESULTS_JSON));

        // the trainer's own summary (FittedModel.signatureMetrics) and the report agree on every signature AUC
        Map<String, Map<String, Object>> own = f.signatureMetrics();
        for (String s : own.keySet()) {
            assertEquals((Double) own.get(s).get("auc_train"), r.at("/signatures/" + s + "/auc_train").asDouble(), 1e-12, s);
            assertEquals((Double) own.get(s).get("auc_test"), r.at("/signatures/" + s + "/auc_test").asDouble(), 1e-12, s);
        }
        assertEquals(f.selection().lassoKept().size(), r.at("/selection/lasso_kept").size());
        assertEquals(f.nomogramFit().pointsPerLpUnit(), r.at("/nomogram/points_per_lp_unit").asDouble(), 1e-9,
                "the report's nomogram is the one the bundle carries");
        int[] yTest = Json.ints(r.at("/scores/y_test"));
        assertEquals(Auc.of(Json.doubles(r.at("/scores/Nomogram/test")), yTest), r.at("/signatures/Nomogram/auc_test").asDouble(), 1e-12);
        assertEquals(80, yTest.length, "the CSV's own split: 80 test rows");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Operating threshold of the bundle")));
        // the trainer's learner comparison is reported as it ran, with the learner that became DL_sig
        assertEquals(f.learners().results().size(), r.at("/models").size());
        for (var lr : f.learners().results()) {
            if (!lr.ok()) {
                assertTrue(r.at("/models/" + lr.name() + "/status").asText().startsWith("skipped"), lr.name());
                continue;
            }
            assertEquals(lr.aucCvMean(), r.at("/models/" + lr.name() + "/auc_cv_mean").asDouble(), 1e-12, lr.name());
            assertEquals(lr.aucTest(), r.at("/models/" + lr.name() + "/auc_test").asDouble(), 1e-12, lr.name());
            assertEquals(lr.testCi().lo(), r.at("/models/" + lr.name() + "/auc_test_ci_delong/0").asDouble(), 1e-12, lr.name());
        }
        assertEquals(f.deep().learner(), r.at("/dl_signature/model").asText());
        HtmlReportTest.parse(Files.readString(out.resolve(TrainingReport.REPORT_HTML)));
    }
}
