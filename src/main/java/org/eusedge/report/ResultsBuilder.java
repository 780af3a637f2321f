package org.eusedge.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.stats.Auc;
import org.eusedge.stats.BootstrapCalibration;
import org.eusedge.stats.Calibration;
import org.eusedge.stats.ClinicalImpact;
import org.eusedge.stats.ClinicalSelection;
import org.eusedge.stats.DeLong;
import org.eusedge.stats.DecisionCurve;
import org.eusedge.stats.LogisticFit;
import org.eusedge.stats.LogisticRegression;
import org.eusedge.stats.NomogramFit;
import org.eusedge.stats.ThresholdMetrics;
import org.eusedge.training.selection.LassoCv;
import org.eusedge.training.selection.LassoPath;
import org.eusedge.training.selection.SelectionResult;
import org.eusedge.training.selection.SpearmanFilter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes every number of the evaluation report from plain inputs with the project's statistics classes
 * (org.eusedge.stats) and writes them into an {@link EvaluationResults} tree. Typical use:
 * <pre>
 * EvaluationResults r = new ResultsBuilder(yTrain, yTest)
 *         .signatures(new Scores(dlTrainOof, dlTest), new Scores(clinicTrainOof, clinicTest), new Scores(nomoTrain, nomoTest))
 *         .learners(learnerSummaries, "SVM")
 *         .selection(selectionResult)
 *         .clinical(clinicalNames, clinicalTrainRaw, clinicalTestRaw, clinicalSelectionResult)
 *         .build();
 * </pre>
 * Only the labels and the Clinic_sig and Nomogram scores are required; every other part is drawn when given.
 * The "test" split may be an external cohort ({@link #testSetLabel}).
 */
public final class ResultsBuilder {
    public static final int DEFAULT_BOOTSTRAP = 1000;
    public static final int NOMOGRAM_CV_FOLDS = 5;
    public static final String DL_SIG = "DL_sig";
    public static final String CLINIC_SIG = "Clinic_sig";
    public static final String NOMOGRAM = "Nomogram";
    public static final String DL_RULE = "highest mean 5-fold CV AUC on train (ties: first in learner order)";

    /** One signature's scores: train (out-of-fold for DL_sig and Clinic_sig) and test, in case order. */
    public record Scores(double[] train, double[] test) {
        public Scores {
            Objects.requireNonNull(train, "train scores");
            test = test == null ? new double[0] : test;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final int[] yTrain;
    private final int[] yTest;
    private String title = "EUS Edge evaluation report";
    private String testSetLabel = "test";
    private String positiveClass = "PNET";
    private String negativeClass = "cancer";
    private String[] idTrain;
    private String[] idTest;
    private Scores dl;
    private Scores clinic;
    private Scores nomogram;
    private List<LearnerSummary> learners = List.of();
    private String dlModel;
    private SelectionResult selection;
    private String[] clinicalNames;
    private double[][] clinicalTrain;
    private double[][] clinicalTest;
    private ClinicalSelection.Result clinicalSelection;
    private Explanations explanations;
    private int bootstrapResamples = DEFAULT_BOOTSTRAP;
    private long seed = 0;
    private int[] nomogramFolds;
    private final List<String> notes = new ArrayList<>();
    private final List<String> callerWarnings = new ArrayList<>();

    /** @param yTest labels of the test split or external cohort; empty when there is none */
    public ResultsBuilder(int[] yTrain, int[] yTest) {
        this.yTrain = labels(yTrain, "train");
        this.yTest = yTest == null ? new int[0] : labels(yTest, "test");
        int pos = Arrays.stream(yTrain).sum();
        if (pos < 2 || yTrain.length - pos < 2) {
            throw new IllegalArgumentException("the train split needs at least 2 cases of each class, got " + pos
                    + " positive and " + (yTrain.length - pos) + " negative");
        }
    }

    public ResultsBuilder title(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return this;
    }

    /** What the "test" split is, for the report's headings (for example "external: centre B"). */
    public ResultsBuilder testSetLabel(String label) {
        this.testSetLabel = Objects.requireNonNull(label, "test set label");
        return this;
    }

    /** Names of label 1 and label 0 for the report (default PNET and cancer). */
    public ResultsBuilder classNames(String positive, String negative) {
        this.positiveClass = Objects.requireNonNull(positive, "positive class name");
        this.negativeClass = Objects.requireNonNull(negative, "negative class name");
        return this;
    }

    public ResultsBuilder ids(String[] train, String[] test) {
        this.idTrain = checkLength(train, yTrain.length, "train ids");
        this.idTest = checkLength(test, yTest.length, "test ids");
        return this;
    }

    /** @param dl null when no deep feature survived selection (the nomogram then uses Clinic_sig alone) */
    public ResultsBuilder signatures(Scores dl, Scores clinic, Scores nomogram) {
        this.dl = dl == null ? null : checkScores(dl, DL_SIG);
        this.clinic = checkScores(Objects.requireNonNull(clinic, "Clinic_sig scores"), CLINIC_SIG);
        this.nomogram = checkScores(Objects.requireNonNull(nomogram, "Nomogram scores"), NOMOGRAM);
        return this;
    }

    /** @param chosen the learner that became DL_sig, or null for the default rule ({@value #DL_RULE}) */
    public ResultsBuilder learners(List<LearnerSummary> learners, String chosen) {
        this.learners = List.copyOf(learners);
        for (LearnerSummary l : this.learners) {
            if (!l.ran()) continue;
            checkLength(l.oof(), yTrain.length, l.name() + " out-of-fold scores");
            checkLength(l.train(), yTrain.length, l.name() + " train scores");
            checkLength(l.test(), yTest.length, l.name() + " test scores");
        }
        if (chosen != null && this.learners.stream().noneMatch(l -> l.name().equals(chosen) && l.ran())) {
            throw new IllegalArgumentException("chosen learner '" + chosen + "' is not among the learners that ran: "
                    + this.learners.stream().filter(LearnerSummary::ran).map(LearnerSummary::name).toList());
        }
        this.dlModel = chosen;
        return this;
    }

    /** @param selection null when no deep feature passed the Mann-Whitney step */
    public ResultsBuilder selection(SelectionResult selection) {
        this.selection = selection;
        return this;
    }

    /** @param train raw clinical values of the train rows; @param test of the test rows (or null) */
    public ResultsBuilder clinical(String[] names, double[][] train, double[][] test, ClinicalSelection.Result result) {
        this.clinicalNames = Objects.requireNonNull(names, "clinical names").clone();
        this.clinicalTrain = checkLength(train, yTrain.length, "clinical train rows");
        this.clinicalTest = test == null ? null : checkLength(test, yTest.length, "clinical test rows");
        this.clinicalSelection = result;
        return this;
    }

    public ResultsBuilder explanations(Explanations explanations) {
        this.explanations = explanations;
        return this;
    }

    /** Bootstrap resamples of the calibration (rms calibrate B, default 1000) and the seed of the resampling. */
    public ResultsBuilder calibration(int resamples, long seed) {
        if (resamples < 1) throw new IllegalArgumentException("need at least 1 bootstrap resample, got " + resamples);
        this.bootstrapResamples = resamples;
        this.seed = seed;
        return this;
    }

    /** Fold (1..k) of each train case for the nomogram's cross-validated AUC; default stratified 5 folds, the seed. */
    public ResultsBuilder nomogramFolds(int[] folds) {
        this.nomogramFolds = checkLength(folds, yTrain.length, "nomogram folds");
        return this;
    }

    /** A rule chosen where the study is silent, or a warning, printed in the report's "Methods and rules". */
    public ResultsBuilder note(String note) {
        notes.add(Objects.requireNonNull(note, "note"));
        return this;
    }

    /** A warning for the report: listed under "warnings" and highlighted among the notes. */
    public ResultsBuilder warning(String warning) {
        callerWarnings.add(Objects.requireNonNull(warning, "warning"));
        return this;
    }

    public EvaluationResults build() {
        if (clinic == null) throw new IllegalStateException("signatures(...) must be given before build()");
        ObjectNode root = NODES.objectNode();
        boolean hasTest = yTest.length > 0 && Arrays.stream(yTest).sum() >= 2 && yTest.length - Arrays.stream(yTest).sum() >= 2;
        List<String> warnings = new ArrayList<>();
        meta(root.putObject("meta"), hasTest);
        if (!hasTest) {
            warnings.add("The " + testSetLabel + " set is absent or lacks 2 cases of each class: only train figures are shown.");
        }
        if (selection != null) selection(root.putObject("selection"));
        else warnings.add("No deep feature passed the Mann-Whitney step (p < 0.05): there is no DL signature, and the "
                + "nomogram uses the clinical signature alone.");
        ObjectNode delong = root.putObject("delong");
        ObjectNode ci = delong.putObject("ci");
        if (!learners.isEmpty()) models(root, delong, ci, hasTest, warnings);
        Map<String, Scores> sigs = signatureMap();
        ObjectNode s = root.putObject("signatures");
        sigs.forEach((name, sc) -> s.set(name, scoreBlock(sc.train(), sc.test(), hasTest, ci, name)));
        pairedTests(delong, "signatures", sigs, hasTest);
        if (clinicalNames != null) clinical(root.putObject("clinical"), hasTest);
        double[][] sigX = signatureMatrix();
        String[] sigNames = dl == null ? new String[] {CLINIC_SIG} : new String[] {DL_SIG, CLINIC_SIG};
        nomogram(root, sigX, sigNames, warnings);
        nomogramCrossValidation(root, sigX, sigNames, warnings);
        calibration(root.putObject("calibration"), sigX, sigNames, hasTest, warnings);
        decisionCurves(root, sigs, hasTest);
        scores(root.putObject("scores"), sigs);
        if (explanations != null) explanations(root.putObject("explanations"));
        warnings.addAll(callerWarnings);
        List<String> all = new ArrayList<>(warnings);
        all.addAll(rules());
        all.addAll(notes);
        Json.strings(root, "notes", all);
        Json.strings(root, "warnings", warnings);
        return new EvaluationResults(root);
    }

    private void meta(ObjectNode m, boolean hasTest) {
        m.put("format", EvaluationResults.FORMAT);
        m.put("title", title);
        m.put("test_set_label", testSetLabel);
        m.put("n_train", yTrain.length);
        m.put("n_test", yTest.length);
        m.put("n_pos_train", Arrays.stream(yTrain).sum());
        m.put("n_pos_test", Arrays.stream(yTest).sum());
        m.put("test_has_both_classes", hasTest);
        m.put("positive_class", "label == 1 (" + positiveClass + ")");
        m.put("positive_class_name", positiveClass);
        m.put("negative_class_name", negativeClass);
        m.put("bootstrap_resamples", bootstrapResamples);
        m.put("seed", seed);
    }

    private void selection(ObjectNode o) {
        Json.strings(o, "mwu_kept", selection.mwuKept());
        ArrayNode pairs = o.putArray("spearman_pairs_over_0.9");
        for (SpearmanFilter.CorrelatedPair p : selection.spearmanPairs()) {
            ArrayNode a = pairs.addArray();
            a.add(p.a()).add(p.b());
            Json.add(a, p.rho());
        }
        ArrayNode dropped = o.putArray("spearman_dropped");
        for (SpearmanFilter.DroppedFeature d : selection.spearmanDropped()) {
            ObjectNode dn = dropped.addObject();
            dn.put("feature", d.feature());
            dn.put("kept_partner", d.keptPartner());
            Json.put(dn, "rho", d.rho());
            Json.put(dn, "p", d.p());
            Json.put(dn, "partner_p", d.partnerP());
        }
        Json.strings(o, "spearman_kept", selection.spearmanKept());
        Json.strings(o, "lasso_kept", selection.lassoKept());
        Json.strings(o, "lasso_kept_sklearn", selection.lassoKept());
        Json.strings(o, "model_features", selection.modelFeatures());
        o.put("model_features_source", selection.modelFeaturesSource().referenceKey());
        ObjectNode lasso = o.putObject("lasso");
        Json.strings(lasso, "features", selection.lasso().features());
        LassoPath path = selection.lasso().path();
        Json.put(lasso, "alpha", selection.lasso().alpha());
        Json.put(lasso, "intercept", selection.lasso().intercept());
        ObjectNode coef = lasso.putObject("coef");
        selection.lasso().coefficients().forEach((k, v) -> { if (v != 0.0) Json.put(coef, k, v); });
        lasso.put("n_iter", selection.lasso().iterations());
        if (path != null) {
            Json.array(lasso, "alphas", path.alphas());
            Json.array(lasso, "cv_mse_mean", path.meanCvMse());
            Json.matrix(lasso, "cv_mse", path.foldCvMse());
            Json.matrix(lasso, "coef_path", path.coefficients());
            lasso.put("chosen_index", path.chosenIndex());
            Json.put(lasso, "chosen_alpha", path.chosenAlpha());
        }
    }

    private void models(ObjectNode root, ObjectNode delong, ObjectNode ci, boolean hasTest, List<String> warnings) {
        ObjectNode models = root.putObject("models");
        Map<String, Scores> ran = new LinkedHashMap<>();
        String best = null;
        double bestCv = Double.NEGATIVE_INFINITY;
        for (LearnerSummary l : learners) {
            if (!l.ran()) {
                models.putObject(l.name()).put("status", l.status());
                warnings.add("Learner " + l.name() + " " + l.status() + ".");
                continue;
            }
            ObjectNode m = scoreBlock(l.train(), l.test(), hasTest, ci, l.name());
            Json.array(m, "auc_cv_folds", l.cvFoldAuc());
            double mean = Arrays.stream(l.cvFoldAuc()).average().orElse(Double.NaN);
            Json.put(m, "auc_cv_mean", mean);
            Json.put(m, "auc_cv_sd", sampleSd(l.cvFoldAuc()));
            Json.put(m, "auc_oof", Auc.of(l.oof(), yTrain));
            m.put("status", l.status());
            models.set(l.name(), m);
            ran.put(l.name(), new Scores(l.train(), l.test()));
            if (mean > bestCv) {
                bestCv = mean;
                best = l.name();
            }
        }
        ObjectNode d = root.putObject("dl_signature");
        d.put("model", dlModel != null ? dlModel : best);
        d.put("rule", dlModel != null ? "named by the operator" : DL_RULE);
        d.put("train_values", "oof");
        d.put("best_cv_model", best);
        pairedTests(delong, "models", ran, hasTest);
    }

    /** AUC, DeLong CI and threshold metrics of one score vector, in the reference's key layout. */
    private ObjectNode scoreBlock(double[] train, double[] test, boolean hasTest, ObjectNode ci, String name) {
        ObjectNode m = NODES.objectNode();
        DeLong.Ci trainCi = DeLong.ci(train, yTrain, 0.95);
        Json.put(m, "auc_train", trainCi.auc());
        ciArray(m, "auc_train_ci_delong", trainCi);
        ObjectNode civ = ci.putObject(name);
        ciNode(civ.putObject("train"), trainCi);
        DeLong.Ci testCi = null;
        if (hasTest) {
            testCi = DeLong.ci(test, yTest, 0.95);
            Json.put(m, "auc_test", testCi.auc());
            ciArray(m, "auc_test_ci_delong", testCi);
            ciNode(civ.putObject("test"), testCi);
        }
        ObjectNode metrics = m.putObject("metrics");
        ThresholdMetrics.Youden youden = ThresholdMetrics.youden(train, yTrain);
        Json.put(metrics, "youden_threshold", youden.threshold());
        Json.put(metrics, "youden_j_train", youden.j());
        confusions(metrics.putObject("train"), train, yTrain, youden.threshold());
        if (hasTest) confusions(metrics.putObject("test"), test, yTest, youden.threshold());
        return m;
    }

    private static void confusions(ObjectNode o, double[] s, int[] y, double youden) {
        confusion(o.putObject("youden"), ThresholdMetrics.at(s, y, youden));
        confusion(o.putObject("p0.5"), ThresholdMetrics.at(s, y, 0.5));
    }

    private static void confusion(ObjectNode o, ThresholdMetrics.Confusion c) {
        Json.put(o, "threshold", c.threshold());
        o.put("tp", c.tp());
        o.put("fp", c.fp());
        o.put("tn", c.tn());
        o.put("fn", c.fn());
        Json.put(o, "accuracy", c.accuracy());
        Json.put(o, "sensitivity", c.sensitivity());
        Json.put(o, "specificity", c.specificity());
        Json.put(o, "ppv", c.ppv());
        Json.put(o, "npv", c.npv());
        Json.put(o, "f1", c.f1());
    }

    private static void ciArray(ObjectNode o, String key, DeLong.Ci c) {
        ArrayNode a = o.putArray(key);
        Json.add(a, c.lo());
        Json.add(a, c.hi());
    }

    private static void ciNode(ObjectNode o, DeLong.Ci c) {
        Json.put(o, "auc", c.auc());
        Json.put(o, "lo", c.lo());
        Json.put(o, "hi", c.hi());
    }

    /** Paired DeLong tests of every pair, named "A_vs_B" in the given order (the reference's naming). */
    private void pairedTests(ObjectNode delong, String prefix, Map<String, Scores> vectors, boolean hasTest) {
        List<String> names = new ArrayList<>(vectors.keySet());
        if (prefix.equals("signatures")) names = signaturePairOrder(names);
        ObjectNode train = delong.putObject(prefix + "_train");
        ObjectNode test = hasTest ? delong.putObject(prefix + "_test") : null;
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                String a = names.get(i), b = names.get(j);
                paired(train.putObject(a + "_vs_" + b), a, b, vectors.get(a).train(), vectors.get(b).train(), yTrain);
                if (test != null) paired(test.putObject(a + "_vs_" + b), a, b, vectors.get(a).test(), vectors.get(b).test(), yTest);
            }
        }
    }

    /** The reference names the signature pairs Nomogram_vs_DL_sig, Nomogram_vs_Clinic_sig, DL_sig_vs_Clinic_sig. */
    private static List<String> signaturePairOrder(List<String> names) {
        List<String> out = new ArrayList<>();
        out.add(NOMOGRAM);
        for (String n : names) if (!n.equals(NOMOGRAM)) out.add(n);
        return out;
    }

    private static void paired(ObjectNode o, String a, String b, double[] s1, double[] s2, int[] y) {
        DeLong.PairedTest t = DeLong.paired(s1, s2, y);
        o.put("roc1", a);
        o.put("roc2", b);
        Json.put(o, "auc1", t.auc1());
        Json.put(o, "auc2", t.auc2());
        Json.put(o, "z", t.z());
        Json.put(o, "p", t.p());
    }

    private void clinical(ObjectNode c, boolean hasTest) {
        Json.strings(c, "variables", List.of(clinicalNames));
        ObjectNode table1 = c.putObject("table1");
        table1.set("train", table1Json(Table1.compute(clinicalTrain, clinicalNames, yTrain)));
        if (hasTest && clinicalTest != null) table1.set("test", table1Json(Table1.compute(clinicalTest, clinicalNames, yTest)));
        if (clinicalSelection == null) return;
        ObjectNode uni = c.putObject("univariable");
        clinicalSelection.univariable().forEach((name, fit) -> {
            if (fit instanceof LogisticFit.Fitted f) term(uni.putObject(name), f.term(name));
            else uni.putObject(name).put("error", ((LogisticFit.Failed) fit).reason());
        });
        Json.strings(c, "univariable_significant", clinicalSelection.univariableSignificant());
        if (clinicalSelection.multivariable() instanceof LogisticFit.Fitted f) {
            ObjectNode multi = c.putObject("multivariable");
            multi.put("converged", f.converged());
            ObjectNode terms = multi.putObject("terms");
            for (LogisticFit.Term t : f.terms()) term(terms.putObject(t.name()), t);
        } else if (clinicalSelection.multivariable() instanceof LogisticFit.Failed failed) {
            c.putObject("multivariable").put("error", failed.reason());
        } else {
            c.putNull("multivariable");
        }
        Json.strings(c, "multivariable_significant", clinicalSelection.multivariableSignificant());
        Json.strings(c, "signature_vars", clinicalSelection.signatureVars());
        c.put("signature_rule", clinicalSelection.signatureRule());
    }

    private static void term(ObjectNode o, LogisticFit.Term t) {
        Json.put(o, "coef", t.coef());
        Json.put(o, "se", t.se());
        Json.put(o, "z", t.z());
        Json.put(o, "p", t.p());
        Json.put(o, "or", t.or());
        Json.put(o, "or_ci_low", t.orCiLow());
        Json.put(o, "or_ci_high", t.orCiHigh());
    }

    private static ArrayNode table1Json(List<Table1.Row> rows) {
        ArrayNode a = NODES.arrayNode();
        for (Table1.Row r : rows) {
            ObjectNode o = a.addObject();
            o.put("variable", r.variable());
            switch (r) {
                case Table1.Continuous c -> {
                    o.put("kind", "continuous");
                    o.put("n_pos", c.nPositive());
                    Json.put(o, "mean_pos", c.meanPositive());
                    Json.put(o, "sd_pos", c.sdPositive());
                    o.put("n_neg", c.nNegative());
                    Json.put(o, "mean_neg", c.meanNegative());
                    Json.put(o, "sd_neg", c.sdNegative());
                }
                case Table1.Categorical c -> {
                    o.put("kind", "categorical");
                    ArrayNode levels = o.putArray("levels");
                    for (Table1.Level l : c.levels()) {
                        ObjectNode ln = levels.addObject();
                        Json.put(ln, "value", l.value());
                        ln.put("n_pos", l.nPositive());
                        Json.put(ln, "pct_pos", l.percentPositive());
                        ln.put("n_neg", l.nNegative());
                        Json.put(ln, "pct_neg", l.percentNegative());
                    }
                }
            }
            Json.put(o, "p", r.p());
            o.put("test", r.test());
        }
        return a;
    }

    private void nomogram(ObjectNode root, double[][] x, String[] names, List<String> warnings) {
        NomogramFit.Nomogram nom;
        try {
            nom = NomogramFit.fit(x, names, yTrain);
        } catch (IllegalArgumentException e) {
            warnings.add("The nomogram could not be drawn: " + e.getMessage());
            return;
        }
        ObjectNode n = root.putObject("nomogram");
        n.put("formula", "lrm(label ~ " + String.join(" + ", names) + "); nomogram(fit, fun=plogis, funlabel='Risk')");
        ObjectNode coef = n.putObject("coef"), se = n.putObject("se"), p = n.putObject("wald_p");
        for (LogisticFit.Term t : nom.model().terms()) {
            String key = t.name().equals(LogisticFit.INTERCEPT) ? "Intercept" : t.name();
            Json.put(coef, key, t.coef());
            Json.put(se, key, t.se());
            Json.put(p, key, t.p());
        }
        ObjectNode st = n.putObject("stats");
        Json.put(st, "Model L.R.", nom.stats().modelLr());
        st.put("d.f.", nom.stats().df());
        Json.put(st, "P", nom.stats().p());
        Json.put(st, "C", nom.stats().c());
        Json.put(st, "Dxy", nom.stats().dxy());
        Json.put(st, "R2", nom.stats().r2());
        Json.put(st, "Brier", nom.stats().brier());
        Json.put(n, "points_per_lp_unit", nom.pointsPerLpUnit());
        Json.put(n, "lp_at_zero_total_points", nom.lpAtZeroTotalPoints());
        ObjectNode points = n.putObject("points");
        for (NomogramFit.Axis a : nom.axes()) {
            ObjectNode an = points.putObject(a.predictor());
            Json.array(an, "values", a.values());
            Json.array(an, "points", a.points());
            Json.put(an, "beta", a.beta());
            Json.put(an, "points_per_unit", a.pointsPerUnit());
            Json.put(an, "axis_min_xbeta", a.axisMinXbeta());
            Json.put(an, "axis_max_xbeta", a.axisMaxXbeta());
        }
        ObjectNode risk = n.putObject("risk_axis");
        Json.array(risk, "total_points", nom.riskTickTotalPoints());
        Json.array(risk, "prob", nom.riskTicks());
        ObjectNode grid = n.putObject("total_points_to_prob");
        double[] totals = nom.totalPointsGrid(10);
        Json.array(grid, "total_points", totals);
        Json.array(grid, "prob", Arrays.stream(totals).map(nom::probabilityOfTotalPoints).toArray());
    }

    /**
     * Cross-validated AUC of the nomogram (logistic regression of the label on the train signatures, refitted per
     * fold), compared with the best single signature's train AUC (already out-of-fold): the report flags a
     * nomogram that does not beat it.
     */
    private void nomogramCrossValidation(ObjectNode root, double[][] x, String[] names, List<String> warnings) {
        int[] folds = nomogramFolds != null ? nomogramFolds : LassoCv.stratifiedFolds(yTrain, NOMOGRAM_CV_FOLDS, seed);
        int k = Arrays.stream(folds).max().orElse(0);
        double[] oof = new double[yTrain.length];
        for (int fold = 1; fold <= k; fold++) {
            List<double[]> xs = new ArrayList<>();
            List<Integer> ys = new ArrayList<>();
            for (int i = 0; i < x.length; i++) if (folds[i] != fold) { xs.add(x[i]); ys.add(yTrain[i]); }
            LogisticFit fit = LogisticRegression.fit(xs.toArray(double[][]::new), ys.stream().mapToInt(Integer::intValue).toArray(), names);
            if (!(fit instanceof LogisticFit.Fitted f)) {
                warnings.add("The nomogram's cross-validation failed in fold " + fold + ": " + ((LogisticFit.Failed) fit).reason());
                return;
            }
            for (int i = 0; i < x.length; i++) if (folds[i] == fold) oof[i] = f.predictProbability(new double[][] {x[i]})[0];
        }
        ObjectNode cv = root.path("nomogram").isObject() ? (ObjectNode) root.get("nomogram") : root.putObject("nomogram");
        double auc = Auc.of(oof, yTrain);
        double best = Double.NEGATIVE_INFINITY;
        String bestName = null;
        for (String s : names) {
            double a = Auc.of(s.equals(DL_SIG) ? dl.train() : clinic.train(), yTrain);
            if (a > best) { best = a; bestName = s; }
        }
        ObjectNode c = cv.putObject("cross_validation");
        c.put("folds", k);
        Json.put(c, "auc_cv", auc);
        c.put("best_single_signature", bestName);
        Json.put(c, "best_single_auc_train_oof", best);
        c.put("beats_best_single", auc > best);
        if (!(auc > best)) {
            warnings.add(String.format(java.util.Locale.ROOT, "The nomogram does not beat its best single signature in "
                    + "cross-validation: %d-fold CV AUC %.3f vs %s %.3f (out-of-fold).", k, auc, bestName, best));
        }
    }

    private void calibration(ObjectNode c, double[][] x, String[] names, boolean hasTest, List<String> warnings) {
        c.put("B", bootstrapResamples);
        c.put("seed", seed);
        try {
            BootstrapCalibration.Result b = BootstrapCalibration.of(x, names, yTrain, bootstrapResamples, seed);
            Json.put(c, "mae_boot", b.maeBoot());
            Json.put(c, "mse_boot", b.mseBoot());
            Json.put(c, "q90_abs_error_boot", b.q90AbsErrorBoot());
            Json.put(c, "mae_apparent", b.maeApparent());
            c.put("n_used", b.nUsed());
            c.put("B_successful_max", b.resamples() - b.failedResamples());
            c.put("failed_resamples", b.failedResamples());
            ObjectNode curve = c.putObject("boot_curve");
            Json.array(curve, "predy", b.predy());
            Json.array(curve, "calibrated_orig", b.calibratedOrig());
            Json.array(curve, "calibrated_corrected", b.calibratedCorrected());
            if (b.failedResamples() > 0) {
                warnings.add("Calibration: " + b.failedResamples() + " of " + b.resamples() + " bootstrap refits diverged "
                        + "or did not converge and were skipped (as rms calibrate skips them).");
            }
        } catch (IllegalArgumentException e) {
            warnings.add("The bootstrap calibration could not be computed: " + e.getMessage());
        }
        c.set("train", validation(nomogram.train(), yTrain));
        if (hasTest) c.set("test", validation(nomogram.test(), yTest));
    }

    private static ObjectNode validation(double[] p, int[] y) {
        ObjectNode o = NODES.objectNode();
        Calibration.SmoothedError e = Calibration.smoothedError(p, y);
        Json.put(o, "mae_lowess", e.eavg());
        Json.put(o, "max_error_lowess", e.emax());
        Json.put(o, "q90_error_lowess", e.e90());
        Json.put(o, "brier", Calibration.brier(p, y));
        if (Calibration.recalibration(p, y) instanceof LogisticFit.Fitted f) {
            Json.put(o, "intercept", f.term(LogisticFit.INTERCEPT).coef());
            Json.put(o, "slope", f.term("logit").coef());
        }
        Json.put(o, "c_index", Auc.of(p, y));
        ObjectNode curve = o.putObject("lowess_curve");
        Json.array(curve, "x", e.curve().x());
        Json.array(curve, "y", e.curve().y());
        Calibration.Binned b = Calibration.binned(p, y, 10);
        ObjectNode bn = o.putObject("binned_quantile10");
        Json.array(bn, "prob_pred", b.probPred());
        Json.array(bn, "prob_true", b.probTrue());
        Json.array(bn, "bin_counts", b.counts());
        Json.put(bn, "mae_binned", b.maeBinned());
        Json.put(bn, "ece_weighted", b.eceWeighted());
        return o;
    }

    private void decisionCurves(ObjectNode root, Map<String, Scores> sigs, boolean hasTest) {
        double[] t = DecisionCurve.standardThresholds();
        ArrayNode dca = root.putArray("dca");
        ArrayNode cic = root.putArray("cic");
        for (String set : hasTest ? List.of("train", "test") : List.of("train")) {
            int[] y = set.equals("train") ? yTrain : yTest;
            double[] all = DecisionCurve.treatAll(y, t);
            Map<String, double[]> nb = new LinkedHashMap<>();
            sigs.forEach((name, sc) -> nb.put(name, DecisionCurve.netBenefit(set.equals("train") ? sc.train() : sc.test(), y, t)));
            for (int k = 0; k < t.length; k++) {
                ObjectNode row = dca.addObject();
                row.put("set", set);
                row.put("threshold", t[k]);
                Json.put(row, "treat_all", all[k]);
                row.put("treat_none", 0.0);
                for (Map.Entry<String, double[]> e : nb.entrySet()) Json.put(row, e.getKey(), e.getValue()[k]);
            }
            sigs.forEach((name, sc) -> {
                for (ClinicalImpact.Point p : ClinicalImpact.curve(set.equals("train") ? sc.train() : sc.test(), y, t)) {
                    ObjectNode row = cic.addObject();
                    row.put("set", set);
                    row.put("model", name);
                    row.put("threshold", p.threshold());
                    row.put("n_high_risk", p.nHighRisk());
                    row.put("n_high_risk_with_event", p.nHighRiskWithEvent());
                }
            });
        }
    }

    private void scores(ObjectNode s, Map<String, Scores> sigs) {
        if (idTrain != null) Json.strings(s, "id_train", List.of(idTrain));
        if (idTest != null) Json.strings(s, "id_test", List.of(idTest));
        Json.array(s, "y_train", yTrain);
        Json.array(s, "y_test", yTest);
        for (LearnerSummary l : learners) {
            if (!l.ran()) continue;
            ObjectNode m = s.putObject(l.name());
            Json.array(m, "train", l.train());
            Json.array(m, "test", l.test());
            Json.array(m, "oof", l.oof());
        }
        sigs.forEach((name, sc) -> {
            ObjectNode m = s.putObject(name);
            Json.array(m, "train", sc.train());
            Json.array(m, "test", sc.test());
        });
    }

    private void explanations(ObjectNode e) {
        Json.strings(e, "feature_names", explanations.featureNames());
        if (explanations.shapValues() != null) Json.matrix(e, "shap_values", explanations.shapValues());
        if (explanations.featureValues() != null) Json.matrix(e, "feature_values", explanations.featureValues());
        ArrayNode forces = e.putArray("forces");
        for (Explanations.ForceCase f : explanations.forces()) {
            ObjectNode fn = forces.addObject();
            fn.put("case_id", f.caseId());
            Json.put(fn, "base_value", f.baseValue());
            Json.array(fn, "contributions", f.contributions());
            if (f.featureValues() != null) Json.array(fn, "feature_values", f.featureValues());
            Json.put(fn, "output", f.output());
        }
        ArrayNode images = e.putArray("images");
        for (Explanations.Image img : explanations.images()) {
            ObjectNode in = images.addObject();
            in.put("caption", img.caption());
            in.put("png_base64", Base64.getEncoder().encodeToString(img.png()));
        }
    }

    private List<String> rules() {
        List<String> r = new ArrayList<>();
        r.add("AUC is the Mann-Whitney statistic (ties count 1/2); 95% CIs by DeLong's method; paired DeLong tests "
                + "compare AUCs on the same cases (two-sided).");
        r.add("Train values of " + (dl == null ? "Clinic_sig are" : "DL_sig and Clinic_sig are") + " out-of-fold predictions; "
                + testSetLabel + " values come from models fitted on all train cases. The nomogram is a logistic regression of "
                + "the label on the train signature" + (dl == null ? "." : "s."));
        r.add("Thresholds: Youden's J chosen on train (positive if score >= t; ties go to the highest t) and applied "
                + "unchanged to " + testSetLabel + "; also the fixed threshold 0.5.");
        if (clinicalNames != null) r.add(Table1.RULES);
        r.add("Odds ratios with Wald 95% CIs, exp(b \u00b1 1.959964 SE); variables with univariable p < 0.05 enter the "
                + "multivariable model.");
        r.add("Nomogram: points as rms nomogram() with its defaults (the predictor with the widest effect range "
                + "spans 100 points; axes from pretty() of the training range).");
        r.add("Calibration: bootstrap optimism correction with B = " + bootstrapResamples + " resamples (seed " + seed
                + ", Java's SplittableRandom, so it cannot reproduce R's resamples exactly); mean absolute error as rms "
                + "calibrate defines it. Test: lowess (iter = 0) of observed on predicted and 10 quantile bins.");
        r.add("Decision curves: net benefit = TP/n - FP/n \u00b7 pt/(1 - pt) at pt = 0.01..0.99; clinical impact = "
                + "expected numbers per 1000 patients called high risk, and high risk with the event.");
        return r;
    }

    private Map<String, Scores> signatureMap() {
        Map<String, Scores> m = new LinkedHashMap<>();
        if (dl != null) m.put(DL_SIG, dl);
        m.put(CLINIC_SIG, clinic);
        m.put(NOMOGRAM, nomogram);
        return m;
    }

    private double[][] signatureMatrix() {
        double[][] x = new double[yTrain.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = dl == null ? new double[] {clinic.train()[i]} : new double[] {dl.train()[i], clinic.train()[i]};
        }
        return x;
    }

    private Scores checkScores(Scores s, String name) {
        checkLength(s.train(), yTrain.length, name + " train scores");
        if (s.test().length != yTest.length) {
            throw new IllegalArgumentException(name + " has " + s.test().length + " test scores for " + yTest.length
                    + " test labels: pass one score per test case");
        }
        for (double[] v : new double[][] {s.train(), s.test()}) {
            for (double d : v) {
                if (!Double.isFinite(d)) throw new IllegalArgumentException(name + " has a non-finite score (" + d + ")");
            }
        }
        return s;
    }

    private static <T> T checkLength(T array, int n, String what) {
        if (array == null) throw new IllegalArgumentException(what + " are missing");
        int len = java.lang.reflect.Array.getLength(array);
        if (len != n) throw new IllegalArgumentException(what + ": got " + len + " values for " + n + " cases");
        return array;
    }

    private static int[] labels(int[] y, String split) {
        if (y == null) throw new IllegalArgumentException(split + " labels are missing");
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException(split + " label " + i + " is " + y[i] + ": labels must be 0 (cancer) or 1 (PNET)");
            }
        }
        return y.clone();
    }

    private static double sampleSd(double[] v) {
        if (v.length < 2) return Double.NaN;
        double m = Arrays.stream(v).average().orElseThrow(), ss = 0;
        for (double d : v) ss += (d - m) * (d - m);
        return Math.sqrt(ss / (v.length - 1));
    }
}
