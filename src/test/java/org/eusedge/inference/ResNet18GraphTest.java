package org.eusedge.inference;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResNet18GraphTest {
    private static final BackboneOptions CPU = BackboneOptions.defaults().withProviders(List.of("cpu")).withIntraOpThreads(2);

    @Test
    void parameterCountIsTorchvisionResNet18WithoutHeadAndWithBatchNormFolded() throws Exception {
        // conv weights, out*in*k*k:
        //   stem 64*3*7*7 = 9,408
        //   layer1 4 * 64*64*9 = 147,456
        //   layer2 128*64*9 + 3 * 128*128*9 + 128*64 (downsample) = 524,288
        //   layer3 256*128*9 + 3 * 256*256*9 + 256*128 = 2,097,152
        //   layer4 512*256*9 + 3 * 512*512*9 + 512*256 = 8,388,608      -> 11,166,912
        // one bias per output channel of the 20 convs (folded BatchNorm): 64 + 4*64 + 5*128 + 5*256 + 5*512 = 4,800
        // cross-check: torchvision's 11,689,512 - fc 513,000 - BN gamma/beta 2*4,800 + 4,800 = 11,171,712
        ModelProto model = ModelProto.parseFrom(ResNet18Graph.build(0));
        long count = 0;
        for (TensorProto t : model.getGraph().getInitializerList()) count += t.getDimsList().stream().reduce(1L, (a, b) -> a * b);
        assertEquals(11_171_712L, count);
        assertEquals(40, model.getGraph().getInitializerCount(), "20 convs, each with weight and bias");
        assertEquals(17, model.getOpsetImport(0).getVersion());
        assertEquals(8, model.getIrVersion());
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDifferent() {
        byte[] a = ResNet18Graph.build(42);
        assertArrayEquals(a, ResNet18Graph.build(42));
        byte[] b = ResNet18Graph.build(43);
        assertEquals(a.length, b.length, "same topology");
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void weightsFollowKaimingNormalFanOutWithDefaultBatchNormFolded() throws Exception {
        ModelProto model = ModelProto.parseFrom(ResNet18Graph.build(3));
        float[] w = floats(initializer(model.getGraph(), "layer4.1.conv1.weight"));
        float[] bias = floats(initializer(model.getGraph(), "layer4.1.conv1.bias"));
        double sum = 0, sumSq = 0;
        for (float v : w) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / w.length;
        double std = Math.sqrt(sumSq / w.length - mean * mean);
        // kaiming_normal_(fan_out, relu): std = sqrt(2 / (512*3*3)); BN(var 1, eps 1e-5) folds in 1/sqrt(1 + 1e-5)
        double expected = Math.sqrt(2.0 / (512 * 9)) / Math.sqrt(1 + 1e-5);
        assertEquals(expected, std, expected * 0.005, "2.36 M draws pin the std to ~0.05%");
        assertEquals(0, mean, expected * 0.005);
        for (float b : bias) assertEquals(0f, b);
    }

    @Test
    void topologyComputesTorchvisionFunctionWhenGivenTheExportsWeights(@TempDir Path dir) throws Exception {
        // The same weights as torchvision's seed-0 export, placed in this builder's graph, must reproduce the
        // features PyTorch computed for the SOURCE.md probe: that checks strides, pads, downsamples and block wiring.
        ModelProto export = ModelProto.parseFrom(Files.readAllBytes(SharedData.path("models/resnet18-torchvision-seed0.onnx")));
        Deque<ResNet18Graph.ConvParams> convs = exportConvs(export.getGraph());
        assertEquals(20, convs.size());
        Path onnx = dir.resolve("resnet18-from-export.onnx");
        Files.write(onnx, ResNet18Graph.model((name, out, in, k) -> convs.removeFirst()).toByteArray());
        try (Backbone backbone = Backbone.open(onnx, CPU)) {
            float[] f = backbone.run(new float[][]{TestInputs.sinProbe()}).features()[0];
            double[] pytorch = {0.139521, 0.111005, 0.02737, 0.690667, 0.25675};
            for (int i = 0; i < pytorch.length; i++) assertEquals(pytorch[i], f[i], 1e-4 * Math.abs(pytorch[i]) + 1e-6, "feature " + i);
            double sum = 0;
            for (float v : f) sum += v;
            assertEquals(403.726318, sum, 403.726318 * 1e-4);
        }
    }

    @Test
    void activationsOfARealUltrasoundImageAreFiniteAndNotAllZero(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("resnet18.onnx");
        ResNet18Graph.write(onnx, 11);
        float[] crop = TestInputs.imagenetCrop(SharedData.path("data/ddti-thyroid/images/100_1.jpg"), 224);
        try (Backbone backbone = Backbone.open(onnx, CPU)) {
            BackboneOutput out = backbone.run(new float[][]{crop});
            int nonZero = 0;
            double max = 0;
            for (float v : out.features()[0]) {
                assertTrue(Float.isFinite(v));
                if (v != 0) nonZero++;
                max = Math.max(max, Math.abs(v));
            }
            for (float v : out.maps()[0]) assertTrue(Float.isFinite(v));
            assertTrue(nonZero > 256, "most of the 512 pooled ReLU features should be active, got " + nonZero);
            assertTrue(max > 1e-3 && max < 1e3, "pooled features keep a usable scale without BatchNorm statistics, max " + max);
        }
    }

    /** (weight, bias) of each Conv in node order; torch's export shares identical zero biases through Identity nodes. */
    private static Deque<ResNet18Graph.ConvParams> exportConvs(GraphProto graph) {
        Map<String, String> identity = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) if (n.getOpType().equals("Identity")) identity.put(n.getOutput(0), n.getInput(0));
        Deque<ResNet18Graph.ConvParams> convs = new ArrayDeque<>();
        for (NodeProto n : graph.getNodeList()) {
            if (!n.getOpType().equals("Conv")) continue;
            float[] w = floats(initializer(graph, n.getInput(1)));
            float[] b = floats(initializer(graph, identity.getOrDefault(n.getInput(2), n.getInput(2))));
            convs.add(new ResNet18Graph.ConvParams(w, b));
        }
        return convs;
    }

    static TensorProto initializer(GraphProto graph, String name) {
        return graph.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no initializer " + name));
    }

    static float[] floats(TensorProto t) {
        if (t.getFloatDataCount() > 0) {
            float[] out = new float[t.getFloatDataCount()];
            for (int i = 0; i < out.length; i++) out[i] = t.getFloatData(i);
            return out;
        }
        FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }
}
