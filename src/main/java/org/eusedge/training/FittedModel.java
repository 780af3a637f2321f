package org.eusedge.training;

import org.eusedge.model.ClinicalSignature;
import org.eusedge.model.DeepSignature;
import org.eusedge.model.Nomogram;
import org.eusedge.model.Pipeline;
import org.eusedge.stats.Auc;
import org.eusedge.stats.ClinicalSelection;
import org.eusedge.stats.DeLong;
import org.eusedge.stats.NomogramFit;
import org.eusedge.training.learners.LearnerComparison;
import org.eusedge.training.selection.SelectionResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted method and the data it was fitted on. Train values of the signatures and the nomogram are out-of-fold
 * (what the nomogram was fitted on); the per-case "final" values are what the fitted models give every case, the
 * numbers the appliance reproduces when it scores that case's image.
 *
 * @param clinical imputed clinical values of every row (raw units)
 * @param selection null when no deep feature survived selection
 * @param learners  the learner comparison on the selected deep features (null without them)
 */
public record FittedModel(FeatureTable table, double[][] clinical, ClinicalImputation imputation,
                          SelectionResult selection, LearnerComparison learners, DeepSignature deep, ClinicalSelection.Result clinicalSelection,
                          ClinicalSignature clinicalSignature, NomogramFit.Nomogram nomogramFit, Nomogram nomogram,
                          double threshold, String thresholdRule, int[] trainRows, int[] testRows,
                          double[] dlTrainOof, double[] clinicalTrainOof, Pipeline.Explanations explanations) {

    /** Final-model deep signature of every row, or null without a deep signature. */
    public double[] dlFinal() {
        if (deep == null) return null;
        double[] out = new double[table.size()];
        for (int i = 0; i < out.length; i++) out[i] = deep.score(table.features()[i]);
        return out;
    }

    public double[] clinicalFinal() {
        double[] out = new double[table.size()];
        int[] cols = clinicalSignature.variables().stream().mapToInt(v -> table.clinicalNames().indexOf(v)).toArray();
        for (int i = 0; i < out.length; i++) out[i] = clinicalSignature.score(ModelFitter.columns(new double[][] {clinical[i]}, cols)[0]);
        return out;
    }

    public double[] nomogramFinal() {
        double[] dl = dlFinal();
        double[] cl = clinicalFinal();
        double[] out = new double[cl.length];
        for (int i = 0; i < out.length; i++) out[i] = nomogram.probability(signatures(dl == null ? Double.NaN : dl[i], cl[i]));
        return out;
    }

    /** Nomogram probability of the training rows from their out-of-fold signatures. */
    public double[] nomogramTrainOof() {
        double[] out = new double[trainRows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = nomogram.probability(signatures(dlTrainOof == null ? Double.NaN : dlTrainOof[i], clinicalTrainOof[i]));
        }
        return out;
    }

    private double[] signatures(double dl, double clin) {
        return deep == null ? new double[] {clin} : new double[] {dl, clin};
    }

    /**
     * AUC with DeLong 95% CI per signature: train = out-of-fold values, test = final models. Keys DL_sig, Clinic_sig,
     * Nomogram (the reference harness's names).
     */
    public Map<String, Map<String, Object>> signatureMetrics() {
        int[] yTrain = ModelFitter.pick(table.labels(), trainRows);
        int[] yTest = ModelFitter.pick(table.labels(), testRows);
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        double[] dl = dlFinal();
        if (deep != null) m.put(ModelFitter.DL_SIG, metrics(dlTrainOof, yTrain, pickD(dl, testRows), yTest));
        m.put(ModelFitter.CLINIC_SIG, metrics(clinicalTrainOof, yTrain, pickD(clinicalFinal(), testRows), yTest));
        m.put("Nomogram", metrics(nomogramTrainOof(), yTrain, pickD(nomogramFinal(), testRows), yTest));
        return m;
    }

    private static Map<String, Object> metrics(double[] train, int[] yTrain, double[] test, int[] yTest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc_train", Auc.of(train, yTrain));
        m.put("auc_train_ci_delong", ci(train, yTrain));
        if (test.length > 0 && hasBothClasses(yTest)) {
            m.put("auc_test", Auc.of(test, yTest));
            m.put("auc_test_ci_delong", ci(test, yTest));
        }
        return m;
    }

    private static List<Double> ci(double[] s, int[] y) {
        DeLong.Ci c = DeLong.ci(s, y, 0.95);
        return List.of(c.lo(), c.hi());
    }

    private static boolean hasBothClasses(int[] y) {
        int pos = 0;
        for (int v : y) pos += v;
        return pos > 0 && pos < y.length;
    }

    static double[] pickD(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }
}
