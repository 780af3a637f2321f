package org.eusedge.inference.quant;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs the FP32 model on calibration crops with every activation that the quantizer may turn into uint8 exposed
 * as an extra graph output (ORT's Java API cannot expose intermediate tensors, hence the protobuf edit), and
 * accumulates per-tensor statistics. The statistics cover the plan with every layer quantised, so one
 * calibration serves every {@link QuantOptions}.
 */
public final class CalibrationCollector {
    private final int batchSize;
    private final int intraOpThreads;

    /** Batches of 8 crops, 2 intra-op threads. */
    public CalibrationCollector() {
        this(8, 2);
    }

    public CalibrationCollector(int batchSize, int intraOpThreads) {
        if (batchSize < 1 || intraOpThreads < 1) {
            throw new IllegalArgumentException("batch size and thread count must be >= 1, were "
                    + batchSize + " and " + intraOpThreads);
        }
        this.batchSize = batchSize;
        this.intraOpThreads = intraOpThreads;
    }

    /**
     * @param fp32Model the FP32 ONNX model bytes (BatchNorm folded)
     * @param crops     calibration crops, each C*H*W floats preprocessed exactly like inference input; keep
     *                  them disjoint from the crops that later check fidelity
     */
    public Calibration collect(byte[] fp32Model, float[][] crops) throws OrtException {
        if (crops == null || crops.length == 0) {
            throw new IllegalArgumentException("no calibration data: pass at least one crop (typically 50-200 "
                    + "lesion crops from the site's own cohort)");
        }
        OnnxGraph g = OnnxGraph.parse(fp32Model);
        QuantizationPlan plan = QuantizationPlan.of(g, false, false);
        Set<String> tensors = plan.calibratedTensors();
        Map<String, ActivationStatistics> stats = new LinkedHashMap<>();
        tensors.forEach(t -> stats.put(t, new ActivationStatistics()));

        Set<String> fromInputs = new LinkedHashSet<>(tensors);
        fromInputs.retainAll(g.graphInputs);
        Set<String> fromOutputs = new LinkedHashSet<>(tensors);
        fromOutputs.removeAll(g.graphInputs);

        GraphProto.Builder graph = g.graph.toBuilder();
        for (String t : fromOutputs) {
            if (g.graphOutputs.contains(t)) continue;
            graph.addOutput(ValueInfoProto.newBuilder().setName(t).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        byte[] probe = g.model.toBuilder().setGraph(graph).build().toByteArray();

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(intraOpThreads);
            try (OrtSession session = env.createSession(probe, so)) {
                String inputName = CropBatches.cropInput(session).getKey();
                for (String t : fromInputs) {
                    if (!t.equals(inputName)) throw new IllegalStateException("unexpected graph input " + t);
                    for (float[] crop : crops) if (crop != null) stats.get(t).add(crop);
                }
                CropBatches.run(env, session, crops, batchSize, fromOutputs, (first, n, result) -> {
                    for (String t : fromOutputs) {
                        FloatBuffer values = CropBatches.floatBuffer(result.get(t).orElseThrow());
                        stats.get(t).add(values);
                    }
                });
            }
        }
        Set<Long> fingerprints = new java.util.HashSet<>();
        for (float[] crop : crops) fingerprints.add(Calibration.fingerprint(crop));
        return new Calibration(crops.length, stats, fingerprints);
    }
}
