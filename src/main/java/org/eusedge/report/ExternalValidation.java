package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * Results for an external cohort (another centre, a later period) scored by a bundle: the same shape as the
 * training results with the external cohort in place of the test split. The train side (Youden threshold,
 * nomogram, bootstrap calibration) comes from the training run's saved results, so thresholds and the nomogram
 * are the ones the bundle was validated with.
 */
public final class ExternalValidation {
    private ExternalValidation() {}

    /**
     * @param training  the training run's results (results.json in the bundle)
     * @param label     what the external cohort is, for the report's headings (for example "external: centre B")
     * @param y         the external cohort's labels
     * @param ids       its case ids, or null
     * @param dl        its DL_sig scores, or null when the bundle has no deep signature
     * @param clinic    its Clinic_sig scores
     * @param nomogram  its nomogram probabilities
     */
    public static EvaluationResults results(EvaluationResults training, String label, int[] y, String[] ids,
                                            double[] dl, double[] clinic, double[] nomogram, int resamples, long seed) {
        Objects.requireNonNull(training, "training results");
        JsonNode s = training.at("/scores");
        int[] yTrain = Json.ints(s.path("y_train"));
        boolean hasDl = s.has(ResultsBuilder.DL_SIG);
        if (hasDl != (dl != null)) {
            throw new IllegalArgumentException(hasDl ? "the bundle has a DL signature: pass the external cohort's DL_sig scores"
                    : "the bundle has no DL signature: pass null for DL_sig");
        }
        ResultsBuilder b = new ResultsBuilder(yTrain, y)
                .title(training.at("/meta/title").asText() + " \u2014 " + label)
                .testSetLabel(label)
                .signatures(hasDl ? scores(s, ResultsBuilder.DL_SIG, dl) : null, scores(s, ResultsBuilder.CLINIC_SIG, clinic),
                        scores(s, ResultsBuilder.NOMOGRAM, nomogram))
                .calibration(resamples, seed)
                .note("External validation: the train figures are the training run's; \"" + label + "\" is a cohort the "
                        + "bundle never saw, scored with the bundle's models and thresholds.");
        if (s.has("id_train") && ids != null) {
            String[] trainIds = new String[s.path("id_train").size()];
            for (int i = 0; i < trainIds.length; i++) trainIds[i] = s.path("id_train").get(i).asText();
            b.ids(trainIds, ids);
        }
        return b.build();
    }

    private static ResultsBuilder.Scores scores(JsonNode s, String name, double[] external) {
        if (!s.path(name).has("train")) {
            throw new IllegalArgumentException("the training results lack scores." + name + ".train: render them with this version first");
        }
        return new ResultsBuilder.Scores(Json.doubles(s.path(name).path("train")), external);
    }
}
