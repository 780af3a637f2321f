package org.eusedge.training;

import org.eusedge.explain.KernelShap;
import org.eusedge.model.ClinicalSignature;
import org.eusedge.model.Pipeline;
import org.eusedge.model.ShapBackground;
import org.eusedge.model.DeepSignature;
import org.eusedge.model.Nomogram;
import org.eusedge.model.Standardiser;
import org.eusedge.model.SvmModel;
import org.eusedge.stats.ClinicalSelection;
import org.eusedge.stats.NomogramFit;
import org.eusedge.stats.ThresholdMetrics;
import org.eusedge.training.selection.FeatureSelection;
import org.eusedge.training.selection.LassoCv;
import org.eusedge.training.selection.NoFeatureSelectedException;
import org.eusedge.training.selection.SelectionResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The method, fitted on the training split only: z-score -> Mann-Whitney -> Spearman -> LASSO -> SVM = deep-learning
 * signature; univariable then multivariable logistic regression -> SVM = clinical signature; logistic regression on
 * the two signatures = nomogram. The nomogram is fitted on out-of-fold signature values of the training rows (as the
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
        double[] dlOof = null;
        ShapBackground deepBackground = null;
        if (selection != null) {
            int[] cols = selection.modelFeatureColumns();
            Standardiser z = subset(selection.standardiser().mean(), selection.standardiser().sd(), cols);
            double[][] xTrain = z.apply(columns(trainFeatures, cols));
            log.accept("deep signature: SVM on " + cols.length + " selected features");
            SvmModel svm = new SvmTrainer(s.svmC(), s.seed()).fit(xTrain, yTrain);
            deep = new DeepSignature("SVM", selection.modelFeatures(), cols, z, svm);
            dlOof = OutOfFold.svmScores(xTrain, yTrain, signatureFolds, new SvmTrainer(s.svmC(), s.seed()));
            deepBackground = shapBackground(xTrain, s.seed());
        }

        // clinical signature
        String[] clinicalNames = table.clinicalNames().toArray(String[]::new);
        double[][] clinTrain = pick(clinical, train);
        ClinicalSelection.Result clinicalSelection = ClinicalSelection.select(clinTrain, clinicalNames, yTrain);
        List<String> vars = clinicalSelection.signatureVars();
        int[] varCols = vars.stream().mapToInt(v -> table.clinicalNames().indexOf(v)).toArray();
        double[][] clinSel = columns(clinTrain, varCols);
        Standardiser zc = Standardiser.fit(clinSel);
        double[][] clinZ = zc.apply(clinSel);
        log.accept("clinical signature: SVM on " + vars + " (" + clinicalSelection.signatureRule() + ")");
        SvmModel clinSvm = new SvmTrainer(s.svmC(), s.seed()).fit(clinZ, yTrain);
        ClinicalSignature clin = new ClinicalSignature("SVM", vars, clinicalSelection.signatureRule(), zc, clinSvm);
        double[] clinOof = OutOfFold.svmScores(clinZ, yTrain, signatureFolds, new SvmTrainer(s.svmC(), s.seed()));

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
        return new FittedModel(table, clinical, imputation, selection, deep, clinicalSelection, clin, fitted, nomogram,
                threshold, s.thresholdRule(), train, test, dlOof, clinOof, explanations);
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

    static Standardiser subset(double[] mean, double[] sd, int[] cols) {
        double[] m = new double[cols.length], d = new double[cols.length];
        for (int j = 0; j < cols.length; j++) { m[j] = mean[cols[j]]; d[j] = sd[cols[j]]; }
        return new Standardiser(m, d);
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
