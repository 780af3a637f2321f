package org.eusedge.training.selection;

import static org.eusedge.training.selection.ExampleCohort.doubles;
import static org.eusedge.training.selection.ExampleCohort.ints;
import static org.eusedge.training.selection.ExampleCohort.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole selection on the reference harness's example cohort, against the numbers scipy and scikit-learn computed
 * (reference.json, key selection), with the LASSO folds the harness exported.
 */
class FeatureSelectionReferenceTest {

    private static ExampleCohort cohort;
    private static JsonNode ref;
    private static SelectionResult result;
    private static final List<Integer> progress = new ArrayList<>();

    @BeforeAll
    static void runSelection() {
        cohort = ExampleCohort.load();
        ref = cohort.selection();
        result = FeatureSelection.run(cohort.trainRaw(), cohort.y(), cohort.names(), ints(ref.get("lasso_cv_fold")),
                progress::add);
    }

    @Test
    void featureNamesAndRowsAreTheReferences() {
        assertEquals(strings(ref.get("features")), List.of(result.standardiser().names()));
        assertEquals(ref.get("lasso_cv_fold").size(), cohort.y().length);
    }

    @Test
    void zScoreMeanAndPopulationSdMatchNumpy() {
        double[] mean = doubles(ref.get("zscore").get("mean"));
        double[] sd = doubles(ref.get("zscore").get("sd"));
        for (int j = 0; j < mean.length; j++) {
            assertEquals(mean[j], result.standardiser().mean()[j], 1e-9, "mean of " + cohort.names()[j]);
            double expected = sd[j] > 0 ? sd[j] : 1.0;   // StandardScaler's scale for a constant column
            assertEquals(expected, result.standardiser().sd()[j], 1e-9, "sd of " + cohort.names()[j]);
        }
    }

    @Test
    void mannWhitneyUAndPMatchScipyForEveryFeature() {
        double[] u = doubles(ref.get("mwu_U"));
        double[] p = doubles(ref.get("mwu_p"));
        assertEquals(512, u.length);
        for (int j = 0; j < u.length; j++) {
            assertEquals(u[j], result.mwuU()[j], 0.0, "U of " + cohort.names()[j]);
            assertEquals(p[j], result.mwuP()[j], 1e-9, "p of " + cohort.names()[j]);
            assertEquals(p[j], result.mwuP()[j], 1e-7 * p[j], "p of " + cohort.names()[j] + " (relative)");
        }
        assertEquals(strings(ref.get("mwu_kept")), result.mwuKept());
    }

    @Test
    void spearmanPairsDropsAndKeptMatchTheReference() {
        JsonNode pairs = ref.get("spearman_pairs_over_0.9");
        assertEquals(pairs.size(), result.spearmanPairs().size());
        for (int k = 0; k < pairs.size(); k++) {
            SpearmanFilter.CorrelatedPair pair = result.spearmanPairs().get(k);
            assertEquals(pairs.get(k).get(0).asText(), pair.a());
            assertEquals(pairs.get(k).get(1).asText(), pair.b());
            assertEquals(pairs.get(k).get(2).asDouble(), pair.rho(), 1e-12);
        }
        JsonNode dropped = ref.get("spearman_dropped");
        assertEquals(dropped.size(), result.spearmanDropped().size());
        for (int k = 0; k < dropped.size(); k++) {
            SpearmanFilter.DroppedFeature d = result.spearmanDropped().get(k);
            JsonNode e = dropped.get(k);
            assertEquals(e.get("feature").asText(), d.feature());
            assertEquals(e.get("kept_partner").asText(), d.keptPartner());
            assertEquals(e.get("rho").asDouble(), d.rho(), 1e-12);
            assertEquals(e.get("p").asDouble(), d.p(), 1e-9);
            assertEquals(e.get("partner_p").asDouble(), d.partnerP(), 1e-9);
        }
        assertEquals(strings(ref.get("spearman_kept")), result.spearmanKept());
    }

    @Test
    void lassoCvChoosesScikitLearnsAlphaAndKeepsTheSameFeatures() {
        JsonNode lasso = ref.get("lasso_sklearn");
        double[] alphas = doubles(lasso.get("alphas"));
        double[] cvMse = doubles(lasso.get("cv_mse_mean"));
        LassoPath path = result.lasso().path();
        assertEquals(alphas.length, path.alphas().length);
        for (int a = 0; a < alphas.length; a++) {
            assertEquals(alphas[a], path.alphas()[a], 1e-12 * alphas[a], "alpha " + a);
            assertEquals(cvMse[a], path.meanCvMse()[a], 1e-10, "mean CV MSE at alpha " + a);
        }
        assertEquals(lasso.get("alpha").asDouble(), result.lasso().alpha(), 1e-12);
        assertEquals(lasso.get("intercept").asDouble(), result.lasso().intercept(), 1e-9);
        assertEquals(strings(ref.get("lasso_kept_sklearn")), result.lassoKept());
        JsonNode coef = lasso.get("coef");
        for (Map.Entry<String, Double> e : result.lasso().coefficients().entrySet()) {
            double expected = coef.has(e.getKey()) ? coef.get(e.getKey()).asDouble() : 0.0;
            assertEquals(expected, e.getValue(), 1e-9, "coefficient of " + e.getKey());
        }
        assertEquals(lasso.get("n_iter").asInt(), result.lasso().iterations());
    }

    @Test
    void lassoRefitSatisfiesTheOptimalityConditions() {
        // KKT of (1/2n)||y - b - Zw||^2 + alpha ||w||_1: g_j = z_j'r / n equals alpha sign(w_j) where w_j != 0 and
        // |g_j| <= alpha where w_j = 0 (up to the solver's duality-gap tolerance)
        double[][] z = result.standardiser().apply(cohort.trainRaw());
        List<String> names = List.of(cohort.names());
        List<String> features = result.lasso().features();
        int n = z.length;
        double[] r = new double[n];
        double residualSum = 0;
        for (int i = 0; i < n; i++) {
            double fitted = result.lasso().intercept();
            for (String f : features) fitted += z[i][names.indexOf(f)] * result.lasso().coefficients().get(f);
            r[i] = cohort.y()[i] - fitted;
            residualSum += r[i];
        }
        assertEquals(0, residualSum / n, 1e-12, "the intercept centres the residuals");
        double alpha = result.lasso().alpha();
        for (String f : features) {
            double g = 0;
            for (int i = 0; i < n; i++) g += z[i][names.indexOf(f)] * r[i];
            g /= n;
            double w = result.lasso().coefficients().get(f);
            if (w != 0) assertEquals(alpha * Math.signum(w), g, 0.02 * alpha, "gradient of " + f);
            else assertTrue(Math.abs(g) <= alpha * 1.02, "gradient of dropped " + f + " = " + g);
        }
    }

    @Test
    void warmStartedFoldPathAgreesWithAColdFitAtTheChosenAlpha() {
        // fold 1's validation MSE at alpha_ (Gram, warm-started along the grid) against a cold plain fit
        double[][] z = result.standardiser().apply(cohort.trainRaw());
        int[] folds = ints(ref.get("lasso_cv_fold"));
        List<String> names = List.of(cohort.names());
        int[] columns = result.lasso().features().stream().mapToInt(names::indexOf).toArray();
        List<double[]> trainX = new ArrayList<>();
        List<Double> trainY = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            if (folds[i] == 1) continue;
            double[] row = new double[columns.length];
            for (int k = 0; k < columns.length; k++) row[k] = z[i][columns[k]];
            trainX.add(row);
            trainY.add((double) cohort.y()[i]);
        }
        LassoFit cold = LassoCv.fitAt(trainX.toArray(double[][]::new),
                trainY.stream().mapToDouble(Double::doubleValue).toArray(), result.lasso().alpha());
        double s = 0;
        int m = 0;
        for (int i = 0; i < z.length; i++) {
            if (folds[i] != 1) continue;
            double fitted = cold.intercept();
            for (int k = 0; k < columns.length; k++) fitted += z[i][columns[k]] * cold.coef()[k];
            s += (cohort.y()[i] - fitted) * (cohort.y()[i] - fitted);
            m++;
        }
        LassoPath path = result.lasso().path();
        assertEquals(s / m, path.foldCvMse()[path.chosenIndex()][0], 1e-4);
    }

    @Test
    void modelFeaturesAreTheLassoKeptOnes() {
        assertEquals(ref.get("model_features_source").asText(), result.modelFeaturesSource().referenceKey());
        assertEquals(strings(ref.get("model_features")), result.modelFeatures());
        int[] columns = result.modelFeatureColumns();
        for (int k = 0; k < columns.length; k++) {
            assertEquals(result.modelFeatures().get(k), cohort.names()[columns[k]]);
        }
    }

    @Test
    void progressReportsEachLassoFoldOnce() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), progress);
        assertTrue(result.lasso().path().foldCvMse()[0].length == 10);
    }
}
