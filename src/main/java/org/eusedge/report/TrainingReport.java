package org.eusedge.report;

import org.eusedge.training.FittedModel;
import org.eusedge.training.learners.LearnerComparison;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The report of a trainer run: turns a {@link FittedModel} (and the learner comparison, when there is one) into
 * {@link EvaluationResults} and writes report.html, results.json and the CSV files into a folder (the bundle).
 */
public final class TrainingReport {
    public static final String REPORT_HTML = "report.html";

    private TrainingReport() {}

    /**
     * What the report needs besides the fit.
     *
     * @param positiveClass  name of label 1 (the bundle's positive class, e.g. PNET)
     * @param negativeClass  name of label 0
     * @param learners       a learner comparison to report instead of the fit's own (empty: the fit's, if any)
     * @param chosenLearner  the learner that became DL_sig, or null for the fit's deep-signature learner
     * @param explanations   SHAP values and Grad-CAM images, or null
     * @param resamples      bootstrap resamples of the calibration (the study: 1000)
     * @param seed           seed of the bootstrap and of the nomogram's cross-validation folds
     */
    public record Options(String title, String positiveClass, String negativeClass, List<LearnerSummary> learners,
                          String chosenLearner, Explanations explanations, int resamples, long seed) {
        public Options {
            learners = learners == null ? List.of() : List.copyOf(learners);
        }

        public static Options of(String title, String positiveClass, String negativeClass) {
            return new Options(title, positiveClass, negativeClass, List.of(), null, null, ResultsBuilder.DEFAULT_BOOTSTRAP, 0);
        }

        public Options withLearners(List<LearnerSummary> learners, String chosenLearner) {
            return new Options(title, positiveClass, negativeClass, learners, chosenLearner, explanations, resamples, seed);
        }

        public Options withExplanations(Explanations explanations) {
            return new Options(title, positiveClass, negativeClass, learners, chosenLearner, explanations, resamples, seed);
        }

        public Options withBootstrap(int resamples, long seed) {
            return new Options(title, positiveClass, negativeClass, learners, chosenLearner, explanations, resamples, seed);
        }
    }

    public static EvaluationResults results(FittedModel f, Options o) {
        int[] yTrain = pick(f.table().labels(), f.trainRows());
        int[] yTest = pick(f.table().labels(), f.testRows());
        ResultsBuilder b = new ResultsBuilder(yTrain, yTest)
                .title(o.title())
                .classNames(o.positiveClass(), o.negativeClass())
                .ids(pick(f.table().ids(), f.trainRows()), pick(f.table().ids(), f.testRows()))
                .signatures(f.deep() == null ? null : new ResultsBuilder.Scores(f.dlTrainOof(), pick(f.dlFinal(), f.testRows())),
                        new ResultsBuilder.Scores(f.clinicalTrainOof(), pick(f.clinicalFinal(), f.testRows())),
                        new ResultsBuilder.Scores(f.nomogramTrainOof(), pick(f.nomogramFinal(), f.testRows())))
                .learners(learners(f, o), chosen(f, o))
                .selection(f.selection())
                .clinical(f.table().clinicalNames().toArray(String[]::new), pick(f.clinical(), f.trainRows()),
                        pick(f.clinical(), f.testRows()), f.clinicalSelection())
                .explanations(o.explanations())
                .calibration(o.resamples(), o.seed());
        if (f.deep() != null) {
            b.note("DL_sig is the trainer's " + f.deep().learner() + " on the " + f.selection().modelFeatures().size()
                    + " selected deep features.");
        }
        b.note("Clinical signature: " + f.clinicalSignature().learner() + " on " + f.clinicalSignature().variables() + ".");
        b.note(String.format(Locale.ROOT, "Operating threshold of the bundle: %.3f (%s).", f.threshold(), f.thresholdRule()));
        StringBuilder imputed = new StringBuilder();
        f.imputation().summary().forEach((name, s) -> {
            int missing = s.get("missing_in_train").intValue();
            if (missing > 0) imputed.append(imputed.isEmpty() ? "" : "; ").append(name).append(": ").append(missing)
                    .append(" blank, filled with ").append(SvgChart.format(s.get("fill")));
        });
        if (!imputed.isEmpty()) b.note("Blank clinical values of the training rows were imputed (median, or mode for 0/1): " + imputed + ".");
        return b.build();
    }

    /** The learner comparison as the report's plain summaries, in the comparison's order. */
    public static List<LearnerSummary> summaries(LearnerComparison comparison) {
        if (comparison == null) return List.of();
        return comparison.results().stream().map(r -> r.ok()
                ? new LearnerSummary(r.name(), r.aucCvFolds(), r.oof(), r.trainScores(), r.testScores(), LearnerSummary.OK)
                : LearnerSummary.skipped(r.name(), r.skipReason())).toList();
    }

    private static List<LearnerSummary> learners(FittedModel f, Options o) {
        return !o.learners().isEmpty() ? o.learners() : summaries(f.learners());
    }

    /** The learner the operator named (train --learner), or null when the default rule (best mean CV AUC) chose it. */
    private static String chosen(FittedModel f, Options o) {
        return o.chosenLearner();
    }

    /** Writes report.html, results.json and the CSV files into {@code folder}; returns the paths written. */
    public static List<Path> write(FittedModel f, Options o, Path folder) {
        return HtmlReport.write(results(f, o), folder.resolve(REPORT_HTML));
    }

    private static int[] pick(int[] a, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }

    private static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }

    private static double[][] pick(double[][] a, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }

    private static String[] pick(List<String> a, int[] idx) {
        String[] out = new String[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = a.get(idx[i]);
        return out;
    }
}
