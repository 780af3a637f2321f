package org.eusedge.explain;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.eusedge.model.SvmModel;

/**
 * One-off timing of KernelShap.explain for M = 27 features and a 50-row k-means background (2M + 2048 = 2102
 * coalitions, 105,100 model evaluations per explanation). Not a test: run its main by hand.
 */
public final class KernelShapBenchmark {

    public static void main(String[] args) {
        int m = 27;
        SplittableRandom random = new SplittableRandom(1);
        double[][] training = KernelShapTest.randomRows(random, 400, m);
        KernelShap.Summary background = KernelShap.summarise(training, 50, 1);

        double[] beta = new double[m];
        for (int j = 0; j < m; j++) beta[j] = random.nextGaussian();
        ToDoubleFunction<double[]> logistic = z -> {
            double s = 0.3;
            for (int j = 0; j < z.length; j++) s += beta[j] * z[j];
            return 1 / (1 + Math.exp(-s));
        };
        for (int nsv : new int[] {0, 50, 100}) {
            ToDoubleFunction<double[]> f = logistic;
            String name = "logistic";
            if (nsv > 0) {
                double[][] sv = KernelShapTest.randomRows(random, nsv, m);
                double[] coef = new double[nsv];
                for (int i = 0; i < nsv; i++) coef[i] = random.nextGaussian();
                SvmModel svm = new SvmModel(1.0 / m, sv, coef, 0.1, -2, 0);
                f = svm::probability;
                name = "RBF SVM, " + nsv + " support vectors";
            }
            KernelShap shap = new KernelShap(f, background.centres(), background.weights(), Link.LOGIT,
                    KernelShap.AUTO_SAMPLES, 7);
            double[] times = new double[40];
            for (int warm = 0; warm < 20; warm++) shap.explain(training[warm]);
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                shap.explain(training[100 + i]);
                times[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(times);
            System.out.printf("%-32s median %.1f ms, min %.1f ms, max %.1f ms%n", name, times[times.length / 2],
                    times[0], times[times.length - 1]);
        }
    }
}
