package org.eusedge.explain;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.eusedge.model.SvmModel;

/**
 * One-off timing of KernelShap.explain for M = 27 features and a 50-row k-means background (2M + 2048 = 2102
 * coalitions, 105,100 masked rows per explanation). Not a test: run its main by hand, e.g.
 * {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} and then
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.eusedge.explain.KernelShapBenchmark}.
 * Measured 2026-12-03 on the shared 2-core x86 build machine (load ~5): median 9 ms for a logistic model, 13 ms
 * (50 support vectors) and 20 ms (100) for an RBF SVM through forSvm, 160 / 250 ms for the same SVMs row by row.
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
                KernelShap.AUTO_SAMPLES, 7), instances, 100);
        for (int nsv : new int[] {50, 100}) {
            SvmModel svm = new SvmModel(1.0 / M, KernelShapTest.randomRows(random, nsv, M),
                    random.doubles(nsv, -1, 1).toArray(), 0.1, -2, 0);
            time("RBF SVM " + nsv + " SVs, generic", new KernelShap(svm::probability, background.centres(),
                    background.weights(), Link.LOGIT, KernelShap.AUTO_SAMPLES, 7), instances, 10);
            time("RBF SVM " + nsv + " SVs, forSvm", KernelShap.forSvm(svm, SvmOutput.PROBABILITY,
                    background.centres(), background.weights(), Link.LOGIT, KernelShap.AUTO_SAMPLES, 7), instances, 100);
        }
    }

    private static void time(String name, KernelShap shap, double[][] instances, int runs) {
        for (int warm = 0; warm < 20; warm++) shap.explain(instances[warm]);
        double[] ms = new double[runs];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            shap.explain(instances[100 + i % 300]);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-32s median %6.1f ms, min %6.1f ms, max %6.1f ms%n", name, ms[ms.length / 2], ms[0],
                ms[ms.length - 1]);
    }
}
