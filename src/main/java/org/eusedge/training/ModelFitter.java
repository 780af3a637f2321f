package org.eusedge.training;

import org.eusedge.explain.KernelShap;
import org.eusedge.model.ClinicalSignature;
import org.eusedge.model.Pipeline;
import org.eusedge.model.ShapBackground;
import org.eusedge.model.DeepSignature;
import org.eusedge.model.Nomogram;
import org.eusedge.model.Standardiser;
import org.eusedge.stats.ClinicalSelection;
import org.eusedge.stats.NomogramFit;
import org.eusedge.stats.ThresholdMetrics;
import org.eusedge.training.selection.FeatureSelection;
import org.eusedge.training.selection.LassoCv;
import org.eusedge.training.selection.NoFeatureSelectedException;
import org.eusedge.training.learners.Learner;
import org.eusedge.training.learners.LearnerComparison;
import org.eusedge.training.learners.LearnerResult;
import org.eusedge.training.learners.Learners;
import org.eusedge.training.selection.SelectionResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The method, fitted on the training split only: z-score -> Mann-Whitney -> Spearman -> LASSO -> eight learners by
 * 5-fold CV, the best (an SVM in the study) = deep-learning signature; univariable then multivariable logistic
 * regression -> the same learner = clinical signature; logistic regression on the two signatures = nomogram. The nomogram is fitted on out-of-fold signature values of the training rows (as the
 * reference harness does: resubstituted SVM scores nearly separate the classes and would inflate its coefficients).
 */
public final class ModelFitter {
    public static final String DL_SIG = "DL_sig";
    public static final String CLINIC_SIG = "Clinic_sig";
    static final int SHAP_BACKGROUND_SIZE = 50;
    static final int TOP_CONTRIBUTIONS = 10;

    private ModelFitter() {}

    public static FittedModel fit(FeatureTable table, TrainingSettings s, Consumer<String> log) {
        int[] train = rows(table, "train");
        int[] test = rows(table, "test");
        if (train.length < 20) {
            throw new IllegalArgumentException("only " + train.length + " training cases: the method needs at least 20");
        }
        int[] yTrain = pick(table.labels(), train);
        checkBothClasses(yTrain, "training");
        ClinicalImputation imputation = ClinicalImputation.fit(table.clinical(), train, table.clinicalNames());
        double[][] clinical = imputation.apply(table.clinical());

        // deep-learning signature
        log.accept("selecting deep features on " + train.length + " training cases");
        String[] featureNames = table.featureNames().toArray(String[]::new);
        double[][] trainFeatures = pick(table.features(), train);
        int[] lassoFolds = LassoCv.stratifiedFolds(yTrain, s.lassoFolds(), s.seed());
        SelectionResult selection = null;
        DeepSignature deep = null;
        try {
            selection = FeatureSelection.run(trainFeatures, yTrain, featureNames, lassoFolds,
                    fold -> log.accept("LASSO cross-validation: fold " + fold + " of " + s.lassoFolds() + " done"));
        } catch (NoFeatureSelectedException e) {
            log.accept("no deep feature survives selection (" + e.getMessage() + "): the nomogram uses the clinical signature alone");
        }
        int[] signatureFolds = LassoCv.stratifiedFolds(yTrain, s.signatureFolds(), s.seed() + 1);
        List<Learner> learners = learners(s);
        double[] dlOof = null;
        ShapBackground deepBackground = null;
        LearnerComparison comparison = null;
        String chosen = s.learner() == null ? "SVM" : s.learner();
        if (selection != null) {
            int[] cols = selection.modelFeatureColumns();
            Standardiser z = selection.standardiser().unnamed().subset(cols);
            double[][] xTrain = z.apply(columns(trainFeatures, cols));
            double[][] xTest = z.apply(columns(pick(table.features(), test), cols));
            log.accept("comparing " + learners.size() + " learners by " + s.signatureFolds() + "-fold CV on "
                    + cols.length + " selected features");
            comparison = LearnerComparison.run(xTrain, yTrain, signatureFolds, xTest, pick(table.labels(), test),
                    learners, s.seed(), log);
            LearnerResult best = s.learner() == null ? comparison.best() : comparison.best(s.learner());
            chosen = best.name();
            log.accept("deep signature: " + chosen + " (mean CV AUC " + String.format(java.util.Locale.ROOT, "%.3f",
                    best.aucCvMean()) + ")");
            deep = new DeepSignature(chosen, selection.modelFeatures(), cols, z, best.model());
            dlOof = best.oof();
            deepBackground = shapBackground(xTrain, s.seed());
        }

        // clinical signature, with the deep signature's learner
        String[] clinicalNames = table.clinicalNames().toArray(String[]::new);
        double[][] clinTrain = pick(clinical, train);
        ClinicalSelection.Result clinicalSelection = ClinicalSelection.select(clinTrain, clinicalNames, yTrain);
        List<String> vars = clinicalSelection.signatureVars();
        int[] varCols = vars.stream().mapToInt(v -> table.clinicalNames().indexOf(v)).toArray();
        double[][] clinSel = columns(clinTrain, varCols);
        Standardiser zc = Standardiser.fit(clinSel);
        double[][] clinZ = zc.apply(clinSel);
        Learner clinLearner = byName(learners, chosen);
        log.accept("clinical signature: " + chosen + " on " + vars + " (" + clinicalSelection.signatureRule() + ")");
        ClinicalSignature clin = new ClinicalSignature(chosen, vars, clinicalSelection.signatureRule(), zc,
                clinLearner.fit(clinZ, yTrain, s.seed()));
        double[] clinOof = OutOfFold.scores(clinZ, yTrain, signatureFolds, clinLearner, s.seed());

        // nomogram on the out-of-fold signatures of the training rows
        List<String> predictors = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        if (deep != null) { predictors.add(DL_SIG); columns.add(dlOof); }
        predictors.add(CLINIC_SIG);
        columns.add(clinOof);
        double[][] sigTrain = new double[train.length][predictors.size()];
        for (int i = 0; i < train.length; i++) for (int k = 0; k < predictors.size(); k++) sigTrain[i][k] = columns.get(k)[i];
        NomogramFit.Nomogram fitted = NomogramFit.fit(sigTrain, predictors.toArray(String[]::new), yTrain);
        Nomogram nomogram = toNomogram(fitted, predictors);

        double[] nomoTrainOof = new double[train.length];
        for (int i = 0; i < train.length; i++) nomoTrainOof[i] = nomogram.probability(sigTrain[i]);
        double threshold = switch (s.thresholdRule()) {
            case TrainingSettings.YOUDEN_TRAIN -> ThresholdMetrics.youden(nomoTrainOof, yTrain).threshold();
            case TrainingSettings.FIXED_HALF -> 0.5;
            default -> throw new IllegalArgumentException("unknown threshold rule " + s.thresholdRule());
        };
        Pipeline.Explanations explanations = new Pipeline.Explanations(deepBackground, shapBackground(sigTrain, s.seed()),
                KernelShap.AUTO_SAMPLES, s.seed(), TOP_CONTRIBUTIONS);
        return new FittedModel(table, clinical, imputation, selection, comparison, deep, clinicalSelection, clin, fitted,
                nomogram, threshold, s.thresholdRule(), train, test, dlOof, clinOof, explanations);
    }

    static List<Learner> learners(TrainingSettings s) {
        List<Learner> all = Learners.defaults();
        List<Learner> out = new ArrayList<>();
        for (String name : s.learners()) out.add(byName(all, name));
        return out;
    }

    static Learner byName(List<Learner> learners, String name) {
        for (Learner l : learners) if (l.name().equals(name)) return l;
        throw new IllegalArgumentException("unknown learner '" + name + "'; the learners are " + Learners.ORDER);
    }

    /** KernelSHAP's background: a k-means summary of the training rows (the shap library's usual practice). */
    static ShapBackground shapBackground(double[][] rows, long seed) {
        KernelShap.Summary sum = KernelShap.summarise(rows, SHAP_BACKGROUND_SIZE, seed);
        return new ShapBackground(sum.centres(), sum.weights());
    }

    static Nomogram toNomogram(NomogramFit.Nomogram fitted, List<String> predictors) {
        double[] coef = fitted.model().coefficients();
        double[] beta = Arrays.copyOfRange(coef, 1, coef.length);
        double[] lo = new double[beta.length], hi = new double[beta.length];
        for (int k = 0; k < beta.length; k++) {
            double[] values = fitted.axis(predictors.get(k)).values();
            lo[k] = values[0];
            hi[k] = values[values.length - 1];
        }
        return Nomogram.of(predictors, coef[0], beta, lo, hi);
    }

    static int[] rows(FeatureTable t, String split) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) if (t.splits().get(i).equals(split)) r.add(i);
        return r.stream().mapToInt(Integer::intValue).toArray();
    }

    static void checkBothClasses(int[] y, String what) {
        int pos = Arrays.stream(y).sum();
        if (pos == 0 || pos == y.length) {
            throw new IllegalArgumentException("the " + what + " cases hold only one class (" + pos + " of " + y.length
                    + " positive): the model needs both");
        }
    }

    static int[] pick(int[] a, int[] idx) {
        return Arrays.stream(idx).map(i -> a[i]).toArray();
    }

    static double[][] pick(double[][] a, int[] idx) {
        return Arrays.stream(idx).mapToObj(i -> a[i]).toArray(double[][]::new);
    }

    static double[][] columns(double[][] rows, int[] cols) {
        double[][] out = new double[rows.length][cols.length];
        for (int i = 0; i < rows.length; i++) for (int j = 0; j < cols.length; j++) out[i][j] = rows[i][cols[j]];
        return out;
    }
}
