package org.eusedge.inference;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.eusedge.inference.OnnxProtos.FLOAT;
import static org.eusedge.inference.OnnxProtos.intAttr;
import static org.eusedge.inference.OnnxProtos.ints;
import static org.eusedge.inference.OnnxProtos.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackboneImporterTest {
    private static final BackboneOptions CPU = BackboneOptions.defaults().withProviders(List.of("cpu")).withIntraOpThreads(2);

    @Test
    void torchvisionExportIsAlreadyNormalisedAndReproducesPyTorchsProbeFeatures(@TempDir Path dir) throws Exception {
        Path src = SharedData.path("models/resnet18-torchvision-seed0.onnx");
        ImportReport inspected = BackboneImporter.inspect(src);
        assertEquals("input", inspected.inputName());
        assertEquals(224, inspected.inputSize());
        assertEquals(512, inspected.featureDim());
        assertArrayEquals(new int[]{512, 7, 7}, inspected.mapShape());
        assertEquals("features", inspected.featureSource());
        assertEquals("layer4", inspected.mapSource());
        assertEquals(List.of(), inspected.changes());

        Path dst = dir.resolve("backbone.onnx");
        BackboneImporter.importTo(src, dst);
        try (Backbone backbone = Backbone.open(dst, CPU)) {
            float[] f = backbone.run(new float[][]{TestInputs.sinProbe()}).features()[0];
            // SOURCE.md: PyTorch's features[0:5] and sum for the probe
            double[] pytorch = {0.139521, 0.111005, 0.02737, 0.690667, 0.25675};
            for (int i = 0; i < pytorch.length; i++) assertEquals(pytorch[i], f[i], 1e-4 * Math.abs(pytorch[i]) + 1e-6, "feature " + i);
            double sum = 0;
            for (float v : f) sum += v;
            assertEquals(403.726318, sum, 403.726318 * 1e-4);
        }
    }

    @Test
    void quantizedMobileNetV2ExposesItsPooledFeaturesAndLastMap(@TempDir Path dir) throws Exception {
        Path src = SharedData.path("models/mobilenetv2-12-int8.onnx");
        Path dst = dir.resolve("mobilenet-backbone.onnx");
        ImportReport report = BackboneImporter.importTo(src, dst);
        assertEquals(1280, report.featureDim());
        assertArrayEquals(new int[]{1280, 7, 7}, report.mapShape());
        assertEquals(224, report.inputSize());

        GraphProto source = ModelProto.parseFrom(Files.readAllBytes(src)).getGraph();
        NodeProto pool = source.getNodeList().stream().filter(n -> n.getOpType().equals("QLinearGlobalAveragePool")).findFirst().orElseThrow();
        assertEquals(pool.getOutput(0), report.featureSource());
        assertEquals(pool.getInput(0), report.mapSource());
        float poolStep = ResNet18GraphTest.floats(ResNet18GraphTest.initializer(source, pool.getInput(3)))[0];

        GraphProto imported = ModelProto.parseFrom(Files.readAllBytes(dst)).getGraph();
        assertEquals(List.of("features", "layer4"), imported.getOutputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("input"), imported.getInputList().stream().map(ValueInfoProto::getName).toList());
        assertTrue(imported.getNodeList().stream().noneMatch(n -> n.getOpType().equals("QLinearMatMul")), "classifier head pruned");
        assertTrue(report.changes().stream().anyMatch(c -> c.startsWith("pruned")), report.changes().toString());

        float[][] crops = {
                TestInputs.imagenetCrop(SharedData.path("data/breast-lesions-usg/images/case002.png"), 224),
                TestInputs.imagenetCrop(SharedData.path("data/ddti-thyroid/images/101_1.jpg"), 224)};
        try (Backbone backbone = Backbone.open(dst, CPU)) {
            assertEquals(1280, backbone.featureDim());
            BackboneOutput both = backbone.run(crops);
            for (int n = 0; n < 2; n++) {
                // QLinearGlobalAveragePool requantizes the exact mean of the uint8 map: within one output step of it
                double[] mean = TestInputs.spatialMean(both.maps()[n], 1280, 7, 7);
                int active = 0;
                for (int c = 0; c < 1280; c++) {
                    assertEquals(mean[c], both.features()[n][c], poolStep, "crop " + n + " channel " + c);
                    if (both.features()[n][c] != 0) active++;
                }
                assertTrue(active > 100, "pretrained features of a real image are not all zero: " + active);
                BackboneOutput single = backbone.run(new float[][]{crops[n]});
                assertArrayEquals(single.features()[0], both.features()[n], 1e-6f, "batch of 2 = two batch-1 runs");
                assertArrayEquals(single.maps()[0], both.maps()[n], 1e-6f);
            }
            assertFalse(java.util.Arrays.equals(both.features()[0], both.features()[1]), "two images, two feature vectors");
        }
    }

    @ParameterizedTest(name = "axes as {0}")
    @ValueSource(strings = {"attribute", "initializer", "constant"})
    void reduceMeanHeadIsFoundRenamedAndPruned(String axes, @TempDir Path dir) throws Exception {
        // Conv 3->8 (3x3, stride 2, pad 1) + Relu -> ReduceMean over H, W -> Reshape -> Gemm classifier; fixed batch 1.
        // Opset 13 carries the axes as an attribute (keepdims 1), opset 18 as an input (keepdims 0): an initializer
        // or a Constant node.
        float[] w = new float[8 * 3 * 3 * 3];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < w.length; i++) w[i] = (float) random.nextGaussian() * 0.3f;
        Path src = dir.resolve("tiny.onnx");
        Files.write(src, tinyClassifier(axes, w, true).toByteArray());

        ImportReport report = BackboneImporter.importTo(src, dir.resolve("tiny-backbone.onnx"));
        assertEquals("pixel_values", report.inputName());
        assertEquals(8, report.featureDim());
        assertArrayEquals(new int[]{8, 16, 16}, report.mapShape());
        assertEquals("act", report.mapSource());
        assertTrue(report.changes().contains("renamed input 'pixel_values' to 'input'"), report.changes().toString());
        assertTrue(report.changes().contains("made the batch dimension of 'pixel_values' dynamic (was 1)"), report.changes().toString());

        float[] image = new float[3 * 32 * 32];
        for (int i = 0; i < image.length; i++) image[i] = (float) Math.cos(0.01 * i);
        try (Backbone backbone = Backbone.open(dir.resolve("tiny-backbone.onnx"), CPU)) {
            BackboneOutput out = backbone.run(new float[][]{image, image});
            float[] expectedMap = reluConvStride2(image, w);
            assertArrayEquals(expectedMap, out.maps()[1], 1e-5f, "layer4 is the Relu(Conv) map, computed by hand");
            double[] mean = TestInputs.spatialMean(expectedMap, 8, 16, 16);
            for (int c = 0; c < 8; c++) assertEquals(mean[c], out.features()[0][c], 1e-5);
        }
        GraphProto imported = ModelProto.parseFrom(Files.readAllBytes(dir.resolve("tiny-backbone.onnx"))).getGraph();
        assertTrue(imported.getNodeList().stream().noneMatch(n -> n.getOpType().equals("Gemm") || n.getOpType().equals("Reshape")));
        assertTrue(imported.getInitializerList().stream().noneMatch(t -> t.getName().equals("fc.weight")));
    }

    @Test
    void qdqPoolTakesTheDequantizedMapAndTheFloatPoolOutput(@TempDir Path dir) throws Exception {
        // Conv + Relu -> Q/DQ (uint8, step 0.05) -> GlobalAveragePool -> Q/DQ -> Flatten -> Gemm: the QDQ format of
        // a statically quantized network. The map must be the dequantized activation, the features its exact mean.
        float[] w = new float[8 * 27];
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < w.length; i++) w[i] = (float) random.nextGaussian() * 0.3f;
        GraphProto.Builder g = GraphProto.newBuilder().setName("qdq");
        g.addInput(OnnxProtos.tensorInfo("image", FLOAT, "batch", 3, 32, 32));
        g.addInitializer(OnnxProtos.floatTensor("conv.weight", new long[]{8, 3, 3, 3}, w));
        g.addInitializer(OnnxProtos.floatTensor("act.scale", new long[]{}, new float[]{0.05f}));
        g.addInitializer(TensorProto.newBuilder().setName("act.zero").setDataType(TensorProto.DataType.UINT8_VALUE)
                .setRawData(ByteString.copyFrom(new byte[]{0})).build());
        g.addNode(node("Conv", "conv", List.of("image", "conv.weight"), List.of("conv"),
                ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)));
        g.addNode(node("Relu", "relu", List.of("conv"), List.of("act")));
        g.addNode(node("QuantizeLinear", "act.q", List.of("act", "act.scale", "act.zero"), List.of("act_q")));
        g.addNode(node("DequantizeLinear", "act.dq", List.of("act_q", "act.scale", "act.zero"), List.of("act_dq")));
        g.addNode(node("GlobalAveragePool", "gap", List.of("act_dq"), List.of("gap")));
        g.addNode(node("QuantizeLinear", "gap.q", List.of("gap", "act.scale", "act.zero"), List.of("gap_q")));
        g.addNode(node("DequantizeLinear", "gap.dq", List.of("gap_q", "act.scale", "act.zero"), List.of("gap_dq")));
        g.addNode(node("Flatten", "flatten", List.of("gap_dq"), List.of("flat"), intAttr("axis", 1)));
        g.addInitializer(OnnxProtos.floatTensor("fc.weight", new long[]{8, 4}, new float[32]));
        g.addNode(node("Gemm", "fc", List.of("flat", "fc.weight"), List.of("logits")));
        g.addOutput(OnnxProtos.tensorInfo("logits", FLOAT, "batch", 4));
        Path src = dir.resolve("qdq.onnx");
        Files.write(src, ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(g).build().toByteArray());

        ImportReport report = BackboneImporter.importTo(src, dir.resolve("qdq-backbone.onnx"));
        assertEquals("act_dq", report.mapSource());
        assertEquals("gap", report.featureSource());
        assertTrue(report.changes().stream().noneMatch(c -> c.contains("batch dimension")), "batch already symbolic");

        float[] image = new float[3 * 32 * 32];
        for (int i = 0; i < image.length; i++) image[i] = (float) Math.sin(0.02 * i);
        float[] expected = reluConvStride2(image, w);
        for (int i = 0; i < expected.length; i++) expected[i] = (float) (Math.min(255, Math.rint(expected[i] / 0.05)) * 0.05f);
        try (Backbone backbone = Backbone.open(dir.resolve("qdq-backbone.onnx"), CPU)) {
            BackboneOutput out = backbone.run(new float[][]{image});
            assertArrayEquals(expected, out.maps()[0], 1e-5f, "uint8 step 0.05, rounded half to even");
            double[] mean = TestInputs.spatialMean(expected, 8, 16, 16);
            for (int c = 0; c < 8; c++) assertEquals(mean[c], out.features()[0][c], 1e-5, "float pool output, before its Q/DQ");
        }
    }

    @Test
    void sourceTensorsAlreadyCalledFeaturesOrLayer4AreMovedAsideNotConfused(@TempDir Path dir) throws Exception {
        // the map is called "features" and the classifier logits "layer4": the wrong way round for a bundle
        float[] w = new float[8 * 27];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < w.length; i++) w[i] = (float) random.nextGaussian() * 0.3f;
        GraphProto.Builder g = tinyClassifier("attribute", w, true).getGraph().toBuilder();
        for (NodeProto.Builder n : g.getNodeBuilderList()) {
            for (int i = 0; i < n.getInputCount(); i++) if (n.getInput(i).equals("act")) n.setInput(i, "features");
            for (int i = 0; i < n.getOutputCount(); i++) {
                if (n.getOutput(i).equals("act")) n.setOutput(i, "features");
                if (n.getOutput(i).equals("logits")) n.setOutput(i, "layer4");
            }
        }
        g.setOutput(0, OnnxProtos.tensorInfo("layer4", FLOAT, 1, 4));
        Path src = dir.resolve("swapped.onnx");
        Files.write(src, ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(g).build().toByteArray());

        ImportReport report = BackboneImporter.importTo(src, dir.resolve("fixed.onnx"));
        assertEquals("features", report.mapSource());
        assertTrue(report.changes().contains("renamed tensor 'features' to 'features_source' to free the name"), report.changes().toString());
        assertArrayEquals(new int[]{8, 16, 16}, report.mapShape());
        float[] image = new float[3 * 32 * 32];
        for (int i = 0; i < image.length; i++) image[i] = (float) Math.cos(0.03 * i);
        try (Backbone backbone = Backbone.open(dir.resolve("fixed.onnx"), CPU)) {
            BackboneOutput out = backbone.run(image);
            float[] expectedMap = reluConvStride2(image, w);
            assertArrayEquals(expectedMap, out.maps()[0], 1e-5f);
            double[] mean = TestInputs.spatialMean(expectedMap, 8, 16, 16);
            for (int c = 0; c < 8; c++) assertEquals(mean[c], out.features()[0][c], 1e-5);
        }
    }

    @Test
    void aGraphWithoutAPoolNamesWhatWasLookedFor(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("no-pool.onnx");
        Files.write(src, tinyClassifier("attribute", new float[8 * 27], false).toByteArray());
        var e = assertThrows(IllegalArgumentException.class, () -> BackboneImporter.inspect(src));
        assertTrue(e.getMessage().contains("no pooled feature tensor") && e.getMessage().contains("GlobalAveragePool")
                && e.getMessage().contains("ReduceMean over axes [2, 3]") && e.getMessage().contains("QLinearGlobalAveragePool"), e.getMessage());
    }

    @Test
    void aNonSquareInputIsRefused(@TempDir Path dir) throws Exception {
        ModelProto tiny = tinyClassifier("attribute", new float[8 * 27], true);
        GraphProto.Builder g = tiny.getGraph().toBuilder();
        g.setInput(0, OnnxProtos.tensorInfo("pixel_values", FLOAT, 1, 3, 32, 48));
        Path src = dir.resolve("wide.onnx");
        Files.write(src, tiny.toBuilder().setGraph(g).build().toByteArray());
        var e = assertThrows(IllegalArgumentException.class, () -> BackboneImporter.inspect(src));
        assertTrue(e.getMessage().contains("fixed square S") && e.getMessage().contains("[1, 3, 32, 48]"), e.getMessage());
    }

    @Test
    void missingAndNonOnnxFilesAreRefused(@TempDir Path dir) throws Exception {
        var missing = assertThrows(IllegalArgumentException.class, () -> BackboneImporter.inspect(dir.resolve("absent.onnx")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Path png = SharedData.path("data/breast-lesions-usg/images/case001.png");
        var notOnnx = assertThrows(IllegalArgumentException.class, () -> BackboneImporter.importTo(png, dir.resolve("x.onnx")));
        assertTrue(notOnnx.getMessage().contains("is not an ONNX model"), notOnnx.getMessage());
        assertFalse(Files.exists(dir.resolve("x.onnx")));
    }

    private static ModelProto tinyClassifier(String axes, float[] convWeight, boolean withPool) {
        int opset = axes.equals("attribute") ? 13 : 18;
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny");
        g.addInput(OnnxProtos.tensorInfo("pixel_values", FLOAT, 1, 3, 32, 32));
        g.addInitializer(OnnxProtos.floatTensor("conv.weight", new long[]{8, 3, 3, 3}, convWeight));
        g.addNode(node("Conv", "conv", List.of("pixel_values", "conv.weight"), List.of("conv"),
                ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)));
        g.addNode(node("Relu", "relu", List.of("conv"), List.of("act")));
        if (!withPool) {
            g.addOutput(OnnxProtos.tensorInfo("act", FLOAT, 1, 8, 16, 16));
        } else {
            if (opset < 18) {
                g.addNode(node("ReduceMean", "pool", List.of("act"), List.of("pooled"), ints("axes", 2, 3), intAttr("keepdims", 1)));
            } else {
                if (axes.equals("initializer")) g.addInitializer(int64s("pool.axes", -2, -1));
                else g.addNode(node("Constant", "axes", List.of(), List.of("pool.axes"), AttributeProto.newBuilder().setName("value")
                        .setType(AttributeProto.AttributeType.TENSOR).setT(int64s("", 2, 3)).build()));
                g.addNode(node("ReduceMean", "pool", List.of("act", "pool.axes"), List.of("pooled"), intAttr("keepdims", 0)));
            }
            g.addInitializer(int64s("head.shape", 1, 8));
            g.addNode(node("Reshape", "reshape", List.of("pooled", "head.shape"), List.of("flat")));
            g.addInitializer(OnnxProtos.floatTensor("fc.weight", new long[]{8, 4}, new float[32]));
            g.addNode(node("Gemm", "fc", List.of("flat", "fc.weight"), List.of("logits")));
            g.addOutput(OnnxProtos.tensorInfo("logits", FLOAT, 1, 4));
        }
        return ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(g).build();
    }

    private static TensorProto int64s(String name, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) raw.putLong(v);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length)
                .setRawData(ByteString.copyFrom(raw.array())).build();
    }

    /** Relu(conv2d(x, w)) for 3x32x32 -> 8x16x16, kernel 3, stride 2, zero pad 1: the textbook loop. */
    private static float[] reluConvStride2(float[] x, float[] w) {
        float[] out = new float[8 * 16 * 16];
        for (int o = 0; o < 8; o++) {
            for (int oy = 0; oy < 16; oy++) {
                for (int ox = 0; ox < 16; ox++) {
                    double sum = 0;
                    for (int c = 0; c < 3; c++) {
                        for (int ky = 0; ky < 3; ky++) {
                            for (int kx = 0; kx < 3; kx++) {
                                int iy = oy * 2 - 1 + ky, ix = ox * 2 - 1 + kx;
                                if (iy < 0 || iy >= 32 || ix < 0 || ix >= 32) continue;
                                sum += x[(c * 32 + iy) * 32 + ix] * w[((o * 3 + c) * 3 + ky) * 3 + kx];
                            }
                        }
                    }
                    out[(o * 16 + oy) * 16 + ox] = (float) Math.max(0, sum);
                }
            }
        }
        return out;
    }
}
