package org.eusedge.inference;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.eusedge.inference.OnnxProtos.FLOAT;
import static org.eusedge.inference.OnnxProtos.intAttr;
import static org.eusedge.inference.OnnxProtos.ints;
import static org.eusedge.inference.OnnxProtos.node;

/**
 * torchvision's resnet18 up to the global average pool, as ONNX (opset 17, IR 8), built in Java.
 * <p>
 * Same graph a torchvision export of an eval-mode model has: every BatchNorm folded into the conv before it (conv with
 * bias), BasicBlocks with residual Add + Relu, a 1x1/2 conv downsample at the start of layers 2-4, then
 * GlobalAveragePool + Flatten. Input {@code input} N x 3 x 224 x 224 (dynamic N); outputs {@code features} N x 512 and
 * {@code layer4} N x 512 x 7 x 7 (the map that feeds the pool, for Grad-CAM).
 * <p>
 * Weights follow torchvision's initialisation: kaiming_normal_(mode="fan_out", nonlinearity="relu"), i.e. N(0, 2/fan_out)
 * with fan_out = out_channels * k * k, then the default BatchNorm (gamma 1, beta 0, mean 0, var 1, eps 1e-5) folded in:
 * weight * 1/sqrt(1 + 1e-5), bias 0. No further scaling is applied: with fan_out He init the 7x7 stem shrinks the
 * variance (fan_in 147 vs fan_out 3136) and each residual block grows it by a bounded factor, so a normalised image gives
 * finite, non-zero pooled features of order 0.1-1, as torchvision's own seed-0 export does (see its SOURCE.md probe).
 */
public final class ResNet18Graph {
    public static final int INPUT_SIZE = 224;
    public static final int FEATURE_DIM = 512;
    public static final int MAP_SIZE = 7;
    static final int OPSET = 17;
    static final int IR_VERSION = 8;
    private static final double BN_FOLD_SCALE = 1.0 / Math.sqrt(1.0 + 1e-5);

    private ResNet18Graph() {}

    /** Weights and bias of one folded conv, in creation order (stem, then per block conv1, conv2, downsample). */
    record ConvParams(float[] weight, float[] bias) {}

    /** Supplies the parameters of each conv as the builder creates it: a seeded initialiser, or weights from a file. */
    @FunctionalInterface
    interface ConvInitializer {
        ConvParams next(String convName, int outChannels, int inChannels, int kernel);
    }

    /** The serialised model for a seed: the same seed gives the same bytes. */
    public static byte[] build(long seed) {
        return model(heInitializer(seed)).toByteArray();
    }

    public static void write(Path onnx, long seed) {
        try {
            Path parent = onnx.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(onnx, build(seed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ResNet18 graph to " + onnx + ": " + e.getMessage(), e);
        }
    }

    static ConvInitializer heInitializer(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (name, out, in, k) -> {
            double std = Math.sqrt(2.0 / (out * k * k)) * BN_FOLD_SCALE;
            float[] w = new float[out * in * k * k];
            for (int i = 0; i < w.length; i++) w[i] = (float) (random.nextGaussian() * std);
            return new ConvParams(w, new float[out]);
        };
    }

    static ModelProto model(ConvInitializer init) {
        GraphBuilder g = new GraphBuilder(init);
        String x = g.conv("conv1", "input", 3, 64, 7, 2, 3);
        x = g.relu("relu", x);
        g.graph.addNode(node("MaxPool", "maxpool", List.of(x), List.of("maxpool"),
                ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)));
        x = "maxpool";
        int in = 64;
        int[] widths = {64, 128, 256, 512};
        for (int layer = 0; layer < 4; layer++) {
            int out = widths[layer];
            String prefix = "layer" + (layer + 1);
            x = g.basicBlock(prefix + ".0", x, in, out, layer == 0 ? 1 : 2, prefix + ".0");
            // the map that feeds the pool carries the output name itself, so no Identity is needed
            x = g.basicBlock(prefix + ".1", x, out, out, 1, layer == 3 ? "layer4" : prefix + ".1");
            in = out;
        }
        g.graph.addNode(node("GlobalAveragePool", "avgpool", List.of("layer4"), List.of("avgpool")));
        g.graph.addNode(node("Flatten", "flatten", List.of("avgpool"), List.of("features"), intAttr("axis", 1)));
        g.graph.addInput(OnnxProtos.tensorInfo("input", FLOAT, "N", 3, INPUT_SIZE, INPUT_SIZE));
        g.graph.addOutput(OnnxProtos.tensorInfo("features", FLOAT, "N", FEATURE_DIM));
        g.graph.addOutput(OnnxProtos.tensorInfo("layer4", FLOAT, "N", FEATURE_DIM, MAP_SIZE, MAP_SIZE));
        g.graph.setName("resnet18_backbone");
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("eus-edge").setProducerVersion("ResNet18Graph")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g.graph).build();
    }

    private static final class GraphBuilder {
        final GraphProto.Builder graph = GraphProto.newBuilder();
        final ConvInitializer init;

        GraphBuilder(ConvInitializer init) {
            this.init = init;
        }

        String conv(String name, String x, int in, int out, int k, int stride, int pad) {
            ConvParams p = init.next(name, out, in, k);
            if (p.weight().length != out * in * k * k || p.bias().length != out) {
                throw new IllegalArgumentException("conv " + name + " needs " + out * in * k * k + " weights and " + out
                        + " biases, got " + p.weight().length + " and " + p.bias().length);
            }
            graph.addInitializer(OnnxProtos.floatTensor(name + ".weight", new long[]{out, in, k, k}, p.weight()));
            graph.addInitializer(OnnxProtos.floatTensor(name + ".bias", new long[]{out}, p.bias()));
            graph.addNode(node("Conv", name, List.of(x, name + ".weight", name + ".bias"), List.of(name),
                    ints("kernel_shape", k, k), ints("strides", stride, stride), ints("pads", pad, pad, pad, pad),
                    ints("dilations", 1, 1), intAttr("group", 1)));
            return name;
        }

        String relu(String name, String x) {
            return relu(name, x, name);
        }

        String relu(String name, String x, String output) {
            graph.addNode(node("Relu", name, List.of(x), List.of(output)));
            return output;
        }

        /** torchvision BasicBlock: conv3x3(stride)-relu-conv3x3, plus identity or 1x1/stride downsample, add, relu. */
        String basicBlock(String prefix, String x, int in, int out, int stride, String output) {
            String y = conv(prefix + ".conv1", x, in, out, 3, stride, 1);
            y = relu(prefix + ".relu1", y);
            y = conv(prefix + ".conv2", y, out, out, 3, 1, 1);
            String shortcut = stride != 1 || in != out ? conv(prefix + ".downsample", x, in, out, 1, stride, 0) : x;
            graph.addNode(node("Add", prefix + ".add", List.of(y, shortcut), List.of(prefix + ".add")));
            return relu(prefix + ".relu2", prefix + ".add", output);
        }
    }
}
