package org.eusedge.inference.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quantizer on the torchvision-topology ResNet18 with real ultrasound crops: calibration on 40 BrEaST lesions,
 * fidelity on 20 others, and ONNX Runtime's own optimiser as the judge of whether the integer kernels fuse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QdqQuantizerResNetTest {
    private static final int CALIBRATION_CROPS = 40;
    private static final int HELD_OUT_CROPS = 20;

    private byte[] fp32;
    private float[][] calibrationCrops;
    private float[][] heldOut;
    private Calibration calibration;
    private byte[] int8;

    @BeforeAll
    void calibrateAndQuantize() throws Exception {
        fp32 = Files.readAllBytes(SharedData.path("models/resnet18-torchvision-seed0.onnx"));
        calibrationCrops = BreastCrops.load(0, CALIBRATION_CROPS);
        heldOut = BreastCrops.load(CALIBRATION_CROPS, HELD_OUT_CROPS); // disjoint cases
        calibration = new CalibrationCollector().collect(fp32, calibrationCrops);
        int8 = QdqQuantizer.quantize(fp32, calibration, QuantOptions.defaults());
    }

    @Test
    void ortFusesEveryConvolutionAndResidualAddIntoIntegerKernels(@TempDir Path dir) throws Exception {
        Map<String, Integer> ops = optimisedOps(int8, dir.resolve("optimised.onnx"));
        // ResNet18: conv1 + 8 blocks x 2 + 3 downsample 1x1 = 20 convolutions; 8 residual additions.
        assertEquals(20, ops.getOrDefault("QLinearConv", 0), ops.toString());
        assertEquals(8, ops.getOrDefault("QLinearAdd", 0), ops.toString());
        assertEquals(0, ops.getOrDefault("Conv", 0) + ops.getOrDefault("FusedConv", 0) + ops.getOrDefault("Add", 0),
                "no float convolution or addition may remain: " + ops);
    }

    @Test
    void fidelityOnHeldOutCropsPassesTheDefaultGates() throws Exception {
        QuantFidelity f = QuantFidelity.measure(fp32, int8, heldOut, calibration);
        System.out.println("INT8 fidelity (MinMax, all layers) on " + f.cases() + " held-out BrEaST crops: " + f);
        assertTrue(f.passes(QuantFidelity.Gates.DEFAULT), f.toString());
        assertTrue(f.medianCenteredCosine() > 0.95, f.toString());
        assertEquals(HELD_OUT_CROPS, f.cases());
    }

    @Test
    void fidelityRefusesCropsThatWereUsedForCalibration() {
        float[][] leaky = {heldOut[0], calibrationCrops[7].clone()};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantFidelity.measure(fp32, int8, leaky, calibration));
        assertTrue(e.getMessage().contains("held-out crop 1 was used for calibration"), e.getMessage());
    }

    @Test
    void graphFollowsTheFusablePatternsAndKeepsFloatOutputs() throws Exception {
        ModelProto m = ModelProto.parseFrom(int8);
        Map<String, List<NodeProto>> consumers = consumers(m);
        Map<String, NodeProto> producers = producers(m);
        Set<String> outputs = new HashSet<>();
        for (ValueInfoProto v : m.getGraph().getOutputList()) {
            outputs.add(v.getName());
            assertEquals(TensorProto.DataType.FLOAT_VALUE, v.getType().getTensorType().getElemType());
        }
        // layer4 leaves the last QLinearAdd through a DequantizeLinear; features is pooled from it in float.
        assertEquals("DequantizeLinear", producers.get("layer4").getOpType());
        assertEquals("Flatten", producers.get("features").getOpType());
        assertEquals(Set.of("features", "layer4"), outputs);
        int convs = 0, adds = 0;
        for (NodeProto n : m.getGraph().getNodeList()) {
            if (!n.getOpType().equals("Conv") && !n.getOpType().equals("Add")) continue;
            if (n.getOpType().equals("Conv")) convs++; else adds++;
            for (String in : n.getInputList()) {
                assertEquals("DequantizeLinear", producers.get(in).getOpType(), n.getName() + " input " + in);
            }
            List<NodeProto> readers = consumers.get(n.getOutput(0));
            assertEquals(1, readers.size(), n.getName());
            assertEquals("QuantizeLinear", readers.get(0).getOpType(), n.getName());
            assertTrue(!outputs.contains(n.getOutput(0)));
        }
        assertEquals(20, convs);
        assertEquals(8, adds);
        assertEquals(0, m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Relu")).count(),
                "every Relu follows a quantised Conv or Add and is folded into its zero point");
        assertEquals(17, m.getOpsetImport(0).getVersion());
    }

    @Test
    void weightsAndBiasesDequantiseWithinHalfAStepOfTheOriginals() throws Exception {
        ModelProto original = ModelProto.parseFrom(fp32);
        ModelProto quantized = ModelProto.parseFrom(int8);
        Map<String, NodeProto> originalConvs = new HashMap<>();
        original.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv"))
                .forEach(n -> originalConvs.put(n.getName(), n));
        Map<String, TensorProto> qInit = initializers(quantized);
        Map<String, NodeProto> qProducers = producers(quantized);
        int checked = 0;
        for (NodeProto conv : quantized.getGraph().getNodeList()) {
            if (!conv.getOpType().equals("Conv")) continue;
            NodeProto before = originalConvs.get(conv.getName());
            assertNotNull(before, "Conv " + conv.getName() + " keeps its name");
            float[] w = OnnxGraph.floats(constant(original, before.getInput(1)));
            float[] b = OnnxGraph.floats(constant(original, before.getInput(2)));
            NodeProto wdq = qProducers.get(conv.getInput(1));
            NodeProto bdq = qProducers.get(conv.getInput(2));
            NodeProto xdq = qProducers.get(conv.getInput(0));
            byte[] qw = OnnxGraph.bytes(qInit.get(wdq.getInput(0)));
            float[] ws = OnnxGraph.floats(qInit.get(wdq.getInput(1)));
            int[] qb = OnnxGraph.ints(qInit.get(bdq.getInput(0)));
            float[] bs = OnnxGraph.floats(qInit.get(bdq.getInput(1)));
            float xs = OnnxGraph.floats(qInit.get(xdq.getInput(1)))[0];
            assertEquals(TensorProto.DataType.INT8_VALUE, qInit.get(wdq.getInput(0)).getDataType());
            assertEquals(TensorProto.DataType.INT32_VALUE, qInit.get(bdq.getInput(0)).getDataType());
            int perChannel = w.length / ws.length;
            for (int i = 0; i < w.length; i++) {
                float s = ws[i / perChannel];
                assertTrue(Math.abs(qw[i] * s - w[i]) <= s / 2 * 1.0001f, conv.getName() + " weight " + i);
                assertTrue(qw[i] >= -127, "symmetric int8 never uses -128");
            }
            for (int c = 0; c < b.length; c++) {
                assertEquals(xs * ws[c], bs[c], 0f, "bias scale = input scale x weight scale, channel " + c);
                assertTrue(Math.abs((double) qb[c] * bs[c] - b[c]) <= bs[c] / 2 * 1.0001, conv.getName() + " bias " + c);
            }
            checked++;
        }
        assertEquals(20, checked);
    }

    @Test
    void keepingTheFirstConvOrTheLastStageInFloatLeavesExactlyThoseConvolutionsUnfused(@TempDir Path dir)
            throws Exception {
        byte[] firstFloat = QdqQuantizer.quantize(fp32, calibration, QuantOptions.defaults().withKeepFirstConvFloat(true));
        Map<String, Integer> ops = optimisedOps(firstFloat, dir.resolve("first.onnx"));
        assertEquals(19, ops.getOrDefault("QLinearConv", 0), ops.toString());
        assertEquals(8, ops.getOrDefault("QLinearAdd", 0), ops.toString());

        byte[] lastFloat = QdqQuantizer.quantize(fp32, calibration, QuantOptions.defaults().withKeepLastBlockFloat(true));
        ops = optimisedOps(lastFloat, dir.resolve("last.onnx"));
        // layer4: two blocks of two 3x3 convolutions, one 1x1 downsample, two residual additions.
        assertEquals(15, ops.getOrDefault("QLinearConv", 0), ops.toString());
        assertEquals(6, ops.getOrDefault("QLinearAdd", 0), ops.toString());

        // With layer4 quantised its map can take at most 256 values (one uint8 grid); kept in float it is not
        // confined to a grid, which is what an exact Grad-CAM map needs.
        assertTrue(distinctLayer4Values(int8) <= 256);
        assertTrue(distinctLayer4Values(lastFloat) > 1000);
        QuantFidelity f = QuantFidelity.measure(fp32, lastFloat, heldOut);
        System.out.println("INT8 fidelity (layer4 in FP32): " + f);
        assertTrue(f.passes(QuantFidelity.Gates.DEFAULT), f.toString());
    }

    @Test
    void provenanceIsRecordedInTheModelAndForTheBundle() throws Exception {
        QuantOptions options = QuantOptions.defaults().withCalibration(CalibrationMethod.PERCENTILE, 99.99);
        byte[] model = QdqQuantizer.quantize(fp32, calibration, options);
        Map<String, String> metadata = new HashMap<>();
        for (StringStringEntryProto e : ModelProto.parseFrom(model).getMetadataPropsList()) metadata.put(e.getKey(), e.getValue());
        Map<String, String> provenance = options.provenance(calibration);
        assertEquals("PERCENTILE", provenance.get("calibration_method"));
        assertEquals("99.99", provenance.get("calibration_percentile"));
        assertEquals(Integer.toString(CALIBRATION_CROPS), provenance.get("calibration_crops"));
        assertEquals("false", provenance.get("keep_last_block_float"));
        provenance.forEach((k, v) -> assertEquals(v, metadata.get(QdqQuantizer.METADATA_PREFIX + k), k));
        assertEquals(null, QuantOptions.defaults().provenance(calibration).get("calibration_percentile"));
    }

    // ---- helpers ----

    private static Map<String, Integer> optimisedOps(byte[] model, Path optimised) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setIntraOpNumThreads(1);
            so.setOptimizedModelFilePath(optimised.toString());
            try (OrtSession ignored = env.createSession(model, so)) {
                // creating the session runs the optimiser and writes the optimised graph
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeProto n : ModelProto.parseFrom(Files.readAllBytes(optimised)).getGraph().getNodeList()) {
            counts.merge(n.getOpType(), 1, Integer::sum);
        }
        return counts;
    }

    private long distinctLayer4Values(byte[] model) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model)) {
            float[] map = CropBatches.rows(env, s, new float[][]{heldOut[0]}, 1, "layer4")[0];
            Set<Float> distinct = new HashSet<>();
            for (float v : map) distinct.add(v);
            return distinct.size();
        }
    }

    private static Map<String, NodeProto> producers(ModelProto m) {
        Map<String, NodeProto> p = new HashMap<>();
        for (NodeProto n : m.getGraph().getNodeList()) for (String o : n.getOutputList()) p.put(o, n);
        return p;
    }

    private static Map<String, List<NodeProto>> consumers(ModelProto m) {
        Map<String, List<NodeProto>> c = new HashMap<>();
        for (NodeProto n : m.getGraph().getNodeList()) {
            for (String i : new HashSet<>(n.getInputList())) c.computeIfAbsent(i, k -> new java.util.ArrayList<>()).add(n);
        }
        return c;
    }

    private static Map<String, TensorProto> initializers(ModelProto m) {
        Map<String, TensorProto> t = new HashMap<>();
        for (TensorProto i : m.getGraph().getInitializerList()) t.put(i.getName(), i);
        return t;
    }

    /** An initializer, possibly behind Identity nodes (the torch export shares equal biases that way). */
    private static TensorProto constant(ModelProto m, String name) {
        TensorProto t = initializers(m).get(name);
        if (t != null) return t;
        NodeProto p = producers(m).get(name);
        assertEquals("Identity", p.getOpType(), name);
        return constant(m, p.getInput(0));
    }
}
