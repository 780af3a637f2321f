package org.eusedge.training;

import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.eusedge.model.SvmModel;

/**
 * Fits the RBF SVM with Platt probabilities through LIBSVM (the solver scikit-learn's SVC wraps), with scikit-learn's
 * defaults: C = 1, gamma = 'scale' = 1 / (n_features * variance of all training values), probability = true (Platt
 * scaling fitted by LIBSVM's internal 5-fold cross-validation), and exports it as a plain {@link SvmModel}.
 */
public final class SvmTrainer {
    private final double c;
    private final long seed;

    public SvmTrainer(double c, long seed) {
        this.c = c;
        this.seed = seed;
    }

    public static SvmTrainer defaults(long seed) {
        return new SvmTrainer(1.0, seed);
    }

    /** scikit-learn's gamma = 'scale'. */
    public static double scaleGamma(double[][] x) {
        int n = x.length, p = x[0].length;
        double sum = 0, sumSq = 0;
        for (double[] r : x) for (double v : r) { sum += v; sumSq += v * v; }
        double mean = sum / ((double) n * p);
        double var = sumSq / ((double) n * p) - mean * mean;
        return var > 0 ? 1.0 / (p * var) : 1.0;
    }

    /** y: 1 = positive class, 0 = negative. The returned model's decision is positive for the positive class. */
    public SvmModel fit(double[][] x, int[] y) {
        return export(fitLibsvm(x, y), x[0].length);
    }

    svm_model fitLibsvm(double[][] x, int[] y) {
        if (x.length != y.length) throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels");
        int pos = 0;
        for (int v : y) pos += v;
        if (pos == 0 || pos == y.length) {
            throw new IllegalArgumentException("an SVM needs both classes in its training rows; got only label " + y[0]);
        }
        svm_problem prob = new svm_problem();
        prob.l = x.length;
        prob.x = new svm_node[x.length][];
        prob.y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            prob.x[i] = nodes(x[i]);
            prob.y[i] = y[i] == 1 ? 1 : 0;
        }
        svm_parameter param = new svm_parameter();
        param.svm_type = svm_parameter.C_SVC;
        param.kernel_type = svm_parameter.RBF;
        param.gamma = scaleGamma(x);
        param.C = c;
        param.cache_size = 200;
        param.eps = 1e-3;
        param.shrinking = 1;
        param.probability = 1;
        param.nr_weight = 0;
        param.weight_label = new int[0];
        param.weight = new double[0];
        String err = svm.svm_check_parameter(prob, param);
        if (err != null) throw new IllegalArgumentException("LIBSVM refused the parameters: " + err);
        // LIBSVM's Platt cross-validation shuffles with one static Random: seed it, and keep other fits out meanwhile.
        synchronized (svm.class) {
            svm.svm_set_print_string_function(s -> { });
            svm.rand.setSeed(seed);
            return svm.svm_train(prob, param);
        }
    }

    static svm_node[] nodes(double[] row) {
        svm_node[] n = new svm_node[row.length];
        for (int j = 0; j < row.length; j++) {
            n[j] = new svm_node();
            n[j].index = j + 1;
            n[j].value = row[j];
        }
        return n;
    }

    /**
     * LIBSVM orients the decision value towards its first label (the label of the first training row); flip it, and
     * Platt's B, where that label is the negative class: 1 - s(A f + B) = s(A (-f) - B) for the sigmoid s(t)=1/(1+e^t).
     */
    static SvmModel export(svm_model m, int dim) {
        int l = m.l;
        double[][] sv = new double[l][dim];
        double[] coef = new double[l];
        for (int i = 0; i < l; i++) {
            for (svm_node node : m.SV[i]) sv[i][node.index - 1] = node.value;
            coef[i] = m.sv_coef[0][i];
        }
        double rho = m.rho[0];
        double a = m.probA[0], b = m.probB[0];
        if (m.label[0] != 1) {
            for (int i = 0; i < l; i++) coef[i] = -coef[i];
            rho = -rho;
            b = -b;
        }
        return new SvmModel(m.param.gamma, sv, coef, rho, a, b);
    }

    /** LIBSVM's own decision value and probability of the positive class, for checking the export. */
    static double[] libsvmDecisionAndProbability(svm_model m, double[] x) {
        double[] dec = new double[1];
        svm.svm_predict_values(m, nodes(x), dec);
        double[] probs = new double[2];
        svm.svm_predict_probability(m, nodes(x), probs);
        int posIndex = m.label[0] == 1 ? 0 : 1;
        return new double[] {m.label[0] == 1 ? dec[0] : -dec[0], probs[posIndex]};
    }
}
