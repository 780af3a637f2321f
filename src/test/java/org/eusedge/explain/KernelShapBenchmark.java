package org.eusedge.explain;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.eusedge.model.SvmModel;

/**
 * One-off timing of KernelShap.explain for M = 27 features and a 50-row k-means background (2M + 2048 = 2102
 * coalitions, 105,100 masked rows per explanation). Not a test: run its main by hand.
 */
public final class KernelShapBenchmark {

    private static final int M = 27;

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(1);
        double[][] instances = KernelShapTest.randomRows(random, 400, M);
        KernelShap.Summary background = KernelShap.summarise(instances, 50, 1);

        double[] beta = random.doubles(M, -1, 1).toArray();
        ToDoubleFunction<double[]> logistic = z -> {
            double s = 0.3;
            for (int j = 0; j < z.length; j++) s += beta[j] * z[j];
            return 1 / (1 + Math.exp(-s));
        };
        time("logistic, generic", new KernelShap(logistic, background.centres(), background.weights(), Link.LOGIT,
                KernelShap.AUTO_SAMPLES, 7), instances);
        for (int nsv : new int[] {50, 100}) {
            SvmModel svm = new SvmModel(1.0 / M, KernelShapTest.randomRows(random, nsv, M),
                    random.doubles(nsv, -1, 1).toArray(), 0.1, -2, 0);
            time("RBF SVM " + nsv + " SVs, generic", new KernelShap(svm::probability, background.centres(),
                    background.weights(), Link.LOGIT, KernelShap.AUTO_SAMPLES, 7), instances);
            time("RBF SVM " + nsv + " SVs, forSvm", KernelShap.forSvm(svm, SvmOutput.PROBABILITY,
                    background.centres(), background.weights(), Link.LOGIT, KernelShap.AUTO_SAMPLES, 7), instances);
        }
    }

    private static void time(String name, KernelShap shap, double[][] instances) {
        for (int warm = 0; warm < 20; warm++) shap.explain(instances[warm]);
        double[] ms = new double[40];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            shap.explain(instances[100 + i]);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-32s median %6.1f ms, min %6.1f ms, max %6.1f ms%n", name, ms[ms.length / 2], ms[0],
                ms[ms.length - 1]);
    }
}
