package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The results built from the reference example's exact score vectors agree with reference.json (scikit-learn,
 * statsmodels, pROC, rms) to the tolerances the stats classes promise: AUC/CI/DeLong 1e-6, DCA and CIC 1e-9,
 * odds ratios 1e-4, nomogram points 0.5, calibration MAE 0.005 (bootstrap) and 1e-5 (apparent).
 */
class ResultsBuilderReferenceTest {
    private final JsonNode ref = ReferenceExample.reference();
    private final EvaluationResults r = ReferenceExample.results();

    @Test
    void signatureAucsCisAndThresholdMetricsMatchTheReference() {
        for (String s : List.of("DL_sig", "Clinic_sig", "Nomogram")) {
            for (String set : List.of("train", "test")) {
                close(ref.at("/signatures/" + s + "/auc_" + set), r.at("/signatures/" + s + "/auc_" + set), 1e-6, s + " auc " + set);
                for (int k = 0; k < 2; k++) {
                    close(ref.at("/signatures/" + s + "/auc_" + set + "_ci_delong/" + k),
                            r.at("/signatures/" + s + "/auc_" + set + "_ci_delong/" + k), 1e-6, s + " CI " + set);
                }
                for (String rule : List.of("youden", "p0.5")) {
                    String base = "/signatures/" + s + "/metrics/" + set + "/" + rule + "/";
                    for (String k : List.of("threshold", "tp", "fp", "tn", "fn", "accuracy", "sensitivity", "specificity", "ppv", "npv", "f1")) {
                        close(ref.at(base + k), r.at(base + k), 1e-9, base + k);
                    }
                }
            }
        }
    }

    @Test
    void learnerMetricsAndPairedDeLongTestsMatchTheReference() {
        ref.get("models").fieldNames().forEachRemaining(m -> {
            for (String k : List.of("auc_train", "auc_test", "auc_cv_mean", "auc_cv_sd", "auc_oof")) {
                close(ref.at("/models/" + m + "/" + k), r.at("/models/" + m + "/" + k), 1e-6, m + " " + k);
            }
            close(ref.at("/models/" + m + "/auc_test_ci_delong/0"), r.at("/models/" + m + "/auc_test_ci_delong/0"), 1e-6, m);
            assertEquals("ok", r.at("/models/" + m + "/status").asText());
        });
        for (String group : List.of("signatures_train", "signatures_test", "models_train", "models_test")) {
            JsonNode expected = ref.at("/delong/" + group);
            assertEquals(expected.size(), r.at("/delong/" + group).size(), group + " pair count");
            expected.fieldNames().forEachRemaining(pair -> {
                for (String k : List.of("auc1", "auc2", "z", "p")) {
                    close(expected.at("/" + pair + "/" + k), r.at("/delong/" + group + "/" + pair + "/" + k), 1e-6, group + " " + pair + " " + k);
                }
            });
        }
        assertEquals(ref.at("/dl_signature/model").asText(), r.at("/dl_signature/best_cv_model").asText(),
                "the default rule picks the learner with the best mean CV AUC, as the reference did");
    }

    @Test
    void decisionAndClinicalImpactCurvesMatchTheReferenceTo1e9() {
        assertEquals(198, r.at("/dca").size());
        assertEquals(ref.at("/dca").size(), r.at("/dca").size());
        for (int i = 0; i < 198; i++) {
            JsonNode e = ref.at("/dca/" + i), a = r.at("/dca/" + i);
            assertEquals(e.get("set").asText(), a.get("set").asText());
            for (String k : List.of("threshold", "treat_all", "treat_none", "DL_sig", "Clinic_sig", "Nomogram")) {
                close(e.get(k), a.get(k), 1e-9, "dca " + i + " " + k);
            }
        }
        assertEquals(ref.at("/cic").size(), r.at("/cic").size());
        for (int i = 0; i < ref.at("/cic").size(); i++) {
            JsonNode e = ref.at("/cic/" + i), a = r.at("/cic/" + i);
            assertEquals(e.get("model").asText() + e.get("set").asText(), a.get("model").asText() + a.get("set").asText());
            for (String k : List.of("threshold", "n_high_risk", "n_high_risk_with_event")) close(e.get(k), a.get(k), 1e-9, "cic " + i);
        }
    }

    @Test
    void nomogramCoefficientsPointsAndRiskAxisMatchRms() {
        for (String t : List.of("Intercept", "DL_sig", "Clinic_sig")) {
            close(ref.at("/nomogram/coef/" + t), r.at("/nomogram/coef/" + t), 1e-4, "coef " + t);
        }
        for (String v : List.of("DL_sig", "Clinic_sig")) {
            double[] e = Json.doubles(ref.at("/nomogram/points/" + v + "/points"));
            double[] a = Json.doubles(r.at("/nomogram/points/" + v + "/points"));
            assertEquals(e.length, a.length, v + " tick count");
            for (int k = 0; k < e.length; k++) assertEquals(e[k], a[k], 0.5, v + " points at tick " + k);
        }
        double[] e = Json.doubles(ref.at("/nomogram/risk_axis/total_points"));
        double[] a = Json.doubles(r.at("/nomogram/risk_axis/total_points"));
        assertEquals(e.length, a.length);
        for (int k = 0; k < e.length; k++) assertEquals(e[k], a[k], 0.5, "risk tick " + k);
        double[] pe = Json.doubles(ref.at("/nomogram/total_points_to_prob/prob"));
        double[] pa = Json.doubles(r.at("/nomogram/total_points_to_prob/prob"));
        for (int k = 0; k < Math.min(pe.length, pa.length); k++) assertEquals(pe[k], pa[k], 1e-4, "probability at total " + 10 * k);
        close(ref.at("/nomogram/stats/C"), r.at("/nomogram/stats/C"), 1e-6, "C");
    }

    @Test
    void calibrationMatchesRmsWithinItsBootstrapTolerance() {
        close(ref.at("/calibration/mae_apparent"), r.at("/calibration/mae_apparent"), 1e-5, "mae_apparent");
        close(ref.at("/calibration/mae_boot"), r.at("/calibration/mae_boot"), 0.005, "mae_boot");
        for (String set : List.of("train", "test")) {
            for (String k : List.of("mae_lowess", "max_error_lowess", "brier")) {
                close(ref.at("/calibration/" + set + "/" + k), r.at("/calibration/" + set + "/" + k), 1e-6, set + " " + k);
            }
            // our c_index is the Mann-Whitney AUC (= pROC's); rms somers2 inside val.prob differs by half a tie here
            close(ref.at("/signatures/Nomogram/auc_" + set), r.at("/calibration/" + set + "/c_index"), 1e-9, set + " c_index");
            close(ref.at("/calibration/" + set + "/binned_quantile10/mae_binned"),
                    r.at("/calibration/" + set + "/binned_quantile10/mae_binned"), 1e-12, set + " binned");
        }
    }

    @Test
    void clinicalOddsRatiosAndSelectionMatchStatsmodels() {
        for (String v : ReferenceExample.CLINICAL) {
            for (String k : List.of("or", "or_ci_low", "or_ci_high", "p")) {
                close(ref.at("/clinical/univariable/" + v + "/" + k), r.at("/clinical/univariable/" + v + "/" + k), 1e-4, v + " " + k);
            }
        }
        ref.at("/clinical/multivariable/terms").fieldNames().forEachRemaining(t -> {
            for (String k : List.of("or", "or_ci_low", "or_ci_high")) {
                JsonNode e = ref.at("/clinical/multivariable/terms/" + t + "/" + k);
                JsonNode a = r.at("/clinical/multivariable/terms/" + t + "/" + k);
                assertEquals(1, a.asDouble() / e.asDouble(), 1e-4, "multivariable " + t + " " + k + " (relative)");
            }
        });
        assertEquals(strings(ref.at("/clinical/signature_vars")), strings(r.at("/clinical/signature_vars")));
        assertEquals(strings(ref.at("/selection/mwu_kept")), strings(r.at("/selection/mwu_kept")));
        assertEquals(strings(ref.at("/selection/spearman_kept")), strings(r.at("/selection/spearman_kept")));
        assertEquals(strings(ref.at("/selection/lasso_kept_sklearn")), strings(r.at("/selection/lasso_kept")));
        close(ref.at("/selection/lasso_sklearn/alpha"), r.at("/selection/lasso/alpha"), 1e-9, "LASSO alpha");
        assertEquals(100, r.at("/selection/lasso/cv_mse").size());
        assertEquals(10, r.at("/selection/lasso/cv_mse/0").size(), "one MSE per fold");
    }

    @Test
    void table1CountsAddUpToTheClassSizes() {
        JsonNode t1 = r.at("/clinical/table1/train");
        assertEquals(10, t1.size());
        int nPos = ref.at("/meta/n_pos_train").asInt(), n = ref.at("/meta/n_train").asInt();
        for (JsonNode row : t1) {
            if (row.path("kind").asText().equals("categorical")) {
                int pos = 0, neg = 0;
                for (JsonNode l : row.path("levels")) { pos += l.path("n_pos").asInt(); neg += l.path("n_neg").asInt(); }
                assertEquals(nPos, pos, row.path("variable").asText());
                assertEquals(n - nPos, neg, row.path("variable").asText());
                assertEquals(Table1.CHI2_YATES, row.path("test").asText(), "binary columns give 2 x 2 tables");
            } else {
                assertEquals(nPos, row.path("n_pos").asInt());
            }
        }
        assertEquals("continuous", t1.get(0).path("kind").asText(), "age is continuous");
        assertTrue(t1.get(0).path("p").asDouble() < 1e-4, "age differs strongly between classes in the example (univariable p 1.5e-7)");
    }

    @Test
    void nomogramCrossValidationIsRecordedAndFlaggedConsistently() {
        JsonNode cv = r.at("/nomogram/cross_validation");
        assertEquals(5, cv.path("folds").asInt());
        boolean beats = cv.path("beats_best_single").asBoolean();
        assertEquals(beats, cv.path("auc_cv").asDouble() > cv.path("best_single_auc_train_oof").asDouble());
        assertEquals(!beats, r.notes().stream().anyMatch(n -> n.startsWith("The nomogram does not beat")));
        close(ref.at("/signatures/DL_sig/auc_train"), cv.path("best_single_auc_train_oof"), 1e-9,
                "DL_sig is the best single signature on train (OOF AUC 0.985 > 0.904)");
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void close(JsonNode expected, JsonNode actual, double tol, String what) {
        assertFalse(expected.isMissingNode(), "reference lacks " + what);
        assertFalse(actual.isMissingNode(), "results lack " + what);
        if (expected.isNull()) {
            assertTrue(actual.isNull(), what + ": expected null, got " + actual);
            return;
        }
        assertEquals(expected.asDouble(), actual.asDouble(), tol, what);
    }
}
