package org.eusedge.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.eusedge.inference.quant.BreastCrops;
import org.eusedge.inference.quant.Calibration;
import org.eusedge.inference.quant.CalibrationCollector;
import org.eusedge.inference.quant.QdqQuantizer;
import org.eusedge.inference.quant.QuantOptions;
import org.eusedge.testing.SharedData;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Benchmark, not a unit test: FP32 vs INT8 (QDQ, calibrated on 40 BrEaST crops) ResNet18 latency for one
 * 1x3x224x224 crop at 1 and 2 intra-op threads. Run on a quiet machine:
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:DEPS org.eusedge.bench.BackboneBench [fp32.onnx]
 */
public final class BackboneBench {
    private static final int WARMUP = 15;
    private static final int RUNS = 60;

    public static void main(String[] args) throws Exception {
        Path fp32Path = args.length > 0 ? Path.of(args[0]) : SharedData.path("models/resnet18-torchvision-seed0.onnx");
        byte[] fp32 = Files.readAllBytes(fp32Path);
        float[][] calibration = BreastCrops.load(0, 40);
        Calibration stats = new CalibrationCollector().collect(fp32, calibration);
        byte[] int8 = QdqQuantizer.quantize(fp32, stats, QuantOptions.defaults());
        float[] crop = BreastCrops.load(40, 1)[0];

        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores visible, CPU " + cpuModel());
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion());
        System.out.println("model: " + fp32Path.getFileName() + ", batch 1, " + WARMUP + " warm-up + " + RUNS + " timed runs");
        System.out.printf("%-6s %-7s %10s %10s%n", "model", "threads", "median ms", "p99 ms");
        for (int threads : new int[]{1, 2}) {
            double[] f = time(fp32, crop, threads);
            double[] q = time(int8, crop, threads);
            System.out.printf("%-6s %-7d %10.2f %10.2f%n", "FP32", threads, f[0], f[1]);
            System.out.printf("%-6s %-7d %10.2f %10.2f   speedup (median) %.2fx%n", "INT8", threads, q[0], q[1], f[0] / q[0]);
        }
    }

    /** {median, p99 (nearest rank)} in milliseconds. */
    private static double[] time(byte[] model, float[] crop, int threads) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(model, so);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(crop), new long[]{1, 3, 224, 224})) {
                String name = session.getInputNames().iterator().next();
                double[] ms = new double[RUNS];
                for (int i = 0; i < WARMUP + RUNS; i++) {
                    long t0 = System.nanoTime();
                    try (OrtSession.Result ignored = session.run(Map.of(name, input))) {
                        if (i >= WARMUP) ms[i - WARMUP] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                Arrays.sort(ms);
                return new double[]{(ms[RUNS / 2 - 1] + ms[RUNS / 2]) / 2, ms[(int) Math.ceil(0.99 * RUNS) - 1]};
            }
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
