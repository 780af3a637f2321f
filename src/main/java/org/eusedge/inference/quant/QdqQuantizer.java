package org.eusedge.inference.quant;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static INT8 quantisation of an FP32 ONNX model (BatchNorm folded) into QDQ form: the float graph is kept and
 * QuantizeLinear/DequantizeLinear pairs are inserted around Conv, Add and MaxPool so that ONNX Runtime's CPU
 * provider fuses them into QLinearConv, QLinearAdd and uint8 MaxPool. Weights: int8 per output channel; bias:
 * int32; activations: uint8 asymmetric per tensor from a {@link Calibration}. Graph outputs stay float.
 * (ORT's own quantizer is Python-only; this is the Java equivalent of its static QDQ mode for these ops.)
 */
public final class QdqQuantizer {
    private QdqQuantizer() {}

    /** Metadata key prefix under which the quantisation provenance is written into the model. */
    public static final String METADATA_PREFIX = "eusedge.quantization.";

    /**
     * @param fp32Model   bytes of the FP32 ONNX model (opset >= 13, BatchNorm folded; ops: Conv, Relu, Add,
     *                    MaxPool, GlobalAveragePool, Flatten, Reshape, Identity, Constant)
     * @param calibration statistics from {@link CalibrationCollector#collect} on this same model
     * @param options     calibration method and layers to keep in FP32; its provenance is also written into the
     *                    model's metadata under {@link #METADATA_PREFIX}
     * @return bytes of the QDQ model, with the same inputs and outputs (still float) as the FP32 one
     * @throws IllegalArgumentException for an unsupported graph or calibration data that does not fit it
     */
    public static byte[] quantize(byte[] fp32Model, Calibration calibration, QuantOptions options) {
        if (options == null) throw new IllegalArgumentException("quantisation options are required (QuantOptions.defaults())");
        if (calibration == null) {
            throw new IllegalArgumentException("no calibration data: run CalibrationCollector on real crops first");
        }
        OnnxGraph g = OnnxGraph.parse(fp32Model);
        QuantizationPlan plan = QuantizationPlan.of(g, options.keepFirstConvFloat(), options.keepLastBlockFloat());
        return new Rewriter(g, plan, calibration, options).rewrite().toByteArray();
    }

    /** Builds the QDQ graph node by node, in the original (topological) order. */
    private static final class Rewriter {
        private final OnnxGraph g;
        private final QuantizationPlan plan;
        private final Calibration calibration;
        private final QuantOptions options;
        private final Set<String> names = new HashSet<>();
        private final List<NodeProto> out = new ArrayList<>();
        private final List<TensorProto> newInitializers = new ArrayList<>();
        private final Map<String, ActivationQuant> params = new HashMap<>();
        private final Map<String, String[]> scaleAndZeroPoint = new HashMap<>();
        private final Map<String, String> quantizedName = new HashMap<>();
        /** tensor produced by an integer node -> the float tensor its float consumers read. */
        private final Map<String, String> floatView = new HashMap<>();

        Rewriter(OnnxGraph g, QuantizationPlan plan, Calibration calibration, QuantOptions options) {
            this.g = g;
            this.plan = plan;
            this.calibration = calibration;
            this.options = options;
            for (NodeProto n : g.nodes) {
                names.add(n.getName());
                names.addAll(n.getInputList());
                names.addAll(n.getOutputList());
            }
            names.addAll(g.initializers.keySet());
            g.graph.getInputList().forEach(v -> names.add(v.getName()));
            g.graph.getOutputList().forEach(v -> names.add(v.getName()));
        }

        ModelProto rewrite() {
            for (String tensor : plan.paramsSource.keySet()) {
                params.put(tensor, ActivationQuant.uint8Asymmetric(calibration.range(plan.paramsSource.get(tensor), options)));
            }
            for (String input : g.graphInputs) {
                if (plan.paramsSource.containsKey(input)) emitQuantize(input, input);
            }
            for (int i = 0; i < g.nodes.size(); i++) {
                NodeProto n = g.nodes.get(i);
                switch (plan.roles[i]) {
                    case FOLDED_RELU -> { }
                    case CONV, ADD, MAXPOOL -> emitIntegerNode(i, n);
                    case FLOAT -> emitFloatNode(n);
                }
            }
            GraphProto.Builder graph = g.graph.toBuilder().clearNode().addAllNode(out).clearValueInfo()
                    .addAllInitializer(newInitializers);
            pruneUnused(graph);
            ModelProto.Builder model = g.model.toBuilder().setGraph(graph);
            options.provenance(calibration).forEach((k, v) -> model.addMetadataProps(
                    StringStringEntryProto.newBuilder().setKey(METADATA_PREFIX + k).setValue(v)));
            return model.build();
        }

        private void emitFloatNode(NodeProto n) {
            NodeProto.Builder b = n.toBuilder().clearInput();
            for (String in : n.getInputList()) b.addInput(floatView.getOrDefault(in, in));
            out.add(b.build());
            // A float producer whose output an integer node reads: quantise it right here.
            for (String o : n.getOutputList()) if (plan.paramsSource.containsKey(o)) emitQuantize(o, o);
        }

        private void emitIntegerNode(int index, NodeProto n) {
            NodeProto.Builder b = n.toBuilder().clearInput().clearOutput();
            switch (plan.roles[index]) {
                case CONV -> {
                    String x = n.getInput(0);
                    b.addInput(emitDequantize(x));
                    emitConvConstants(n, params.get(x).scale(), b);
                }
                case ADD -> {
                    String a = emitDequantize(n.getInput(0));
                    b.addInput(a).addInput(n.getInput(1).equals(n.getInput(0)) ? a : emitDequantize(n.getInput(1)));
                }
                default -> b.addInput(emitDequantize(n.getInput(0))); // MaxPool
            }
            String result = plan.effectiveOutput.get(index);
            String floatResult = unique(result + "_float");
            b.addOutput(floatResult);
            out.add(b.build());
            emitQuantize(floatResult, result);
            // Float consumers and graph outputs see one shared DequantizeLinear, named as the original tensor
            // when that tensor is a graph output.
            boolean floatConsumer = g.consumersOf(result).stream().anyMatch(c -> !plan.isQuantizedNode(c));
            if (g.graphOutputs.contains(result) || floatConsumer) {
                String view = g.graphOutputs.contains(result) ? result : unique(result + "_dequantized");
                emitDequantizeNode(result, view);
                floatView.put(result, view);
            }
        }

        private void emitConvConstants(NodeProto conv, float inputScale, NodeProto.Builder b) {
            TensorProto w = g.constant(conv.getInput(1));
            long[] dims = w.getDimsList().stream().mapToLong(Long::longValue).toArray();
            int channels = (int) dims[0];
            boolean hasBias = conv.getInputCount() > 2 && !conv.getInput(2).isEmpty();
            float[] bias = hasBias ? OnnxGraph.floats(g.constant(conv.getInput(2))) : null;
            ConvWeightQuant q = ConvWeightQuant.quantize(OnnxGraph.floats(w), channels, bias, inputScale);
            String base = conv.getInput(1);
            b.addInput(emitConstantDequantize(
                    OnnxGraph.int8Tensor(unique(base + "_quantized"), dims, q.weights()),
                    OnnxGraph.floatTensor(unique(base + "_scale"), new long[]{channels}, q.weightScales()),
                    OnnxGraph.int8Tensor(unique(base + "_zero_point"), new long[]{channels}, new byte[channels]),
                    unique(base + "_dequantized")));
            if (hasBias) {
                String biasBase = conv.getInput(2);
                b.addInput(emitConstantDequantize(
                        OnnxGraph.int32Tensor(unique(biasBase + "_quantized"), new long[]{channels}, q.bias()),
                        OnnxGraph.floatTensor(unique(biasBase + "_scale"), new long[]{channels}, q.biasScales()),
                        OnnxGraph.int32Tensor(unique(biasBase + "_zero_point"), new long[]{channels}, new int[channels]),
                        unique(biasBase + "_dequantized")));
            }
        }

        private String emitConstantDequantize(TensorProto q, TensorProto scale, TensorProto zeroPoint, String output) {
            newInitializers.add(q);
            newInitializers.add(scale);
            newInitializers.add(zeroPoint);
            out.add(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(unique("DequantizeLinear_" + output))
                    .addInput(q.getName()).addInput(scale.getName()).addInput(zeroPoint.getName()).addOutput(output)
                    .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0))
                    .build());
            return output;
        }

        /** QuantizeLinear of a float tensor into the uint8 form of {@code tensor}. */
        private void emitQuantize(String floatInput, String tensor) {
            String[] sz = scaleAndZeroPoint(tensor);
            String q = unique(tensor + "_quantized");
            quantizedName.put(tensor, q);
            out.add(NodeProto.newBuilder().setOpType("QuantizeLinear").setName(unique("QuantizeLinear_" + tensor))
                    .addInput(floatInput).addInput(sz[0]).addInput(sz[1]).addOutput(q).build());
        }

        /** A DequantizeLinear of {@code tensor} dedicated to one integer consumer (so each node unit owns its DQ). */
        private String emitDequantize(String tensor) {
            String dq = unique(tensor + "_dequantized");
            emitDequantizeNode(tensor, dq);
            return dq;
        }

        private void emitDequantizeNode(String tensor, String output) {
            String q = quantizedName.get(tensor);
            if (q == null) throw new IllegalStateException("tensor '" + tensor + "' read before it was quantised");
            String[] sz = scaleAndZeroPoint(tensor);
            out.add(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(unique("DequantizeLinear_" + output))
                    .addInput(q).addInput(sz[0]).addInput(sz[1]).addOutput(output).build());
        }

        private String[] scaleAndZeroPoint(String tensor) {
            return scaleAndZeroPoint.computeIfAbsent(tensor, t -> {
                ActivationQuant p = params.get(t);
                TensorProto scale = OnnxGraph.floatTensor(unique(t + "_scale"), new long[0], new float[]{p.scale()});
                TensorProto zp = OnnxGraph.uint8Tensor(unique(t + "_zero_point"), new long[0], new byte[]{(byte) p.zeroPoint()});
                newInitializers.add(scale);
                newInitializers.add(zp);
                return new String[]{scale.getName(), zp.getName()};
            });
        }

        private String unique(String base) {
            String name = base;
            for (int k = 1; !names.add(name); k++) name = base + "_" + k;
            return name;
        }

        /** Drops the float weights and the Identity/Constant nodes that only fed them. */
        private void pruneUnused(GraphProto.Builder graph) {
            Set<String> originalInitializers = g.initializers.keySet();
            boolean changed = true;
            while (changed) {
                Set<String> used = new HashSet<>();
                graph.getNodeList().forEach(n -> used.addAll(n.getInputList()));
                graph.getOutputList().stream().map(ValueInfoProto::getName).forEach(used::add);
                changed = false;
                for (int i = graph.getNodeCount() - 1; i >= 0; i--) {
                    NodeProto n = graph.getNode(i);
                    boolean constantNode = n.getOpType().equals("Identity") || n.getOpType().equals("Constant");
                    if (constantNode && n.getOutputList().stream().noneMatch(used::contains)) {
                        graph.removeNode(i);
                        changed = true;
                    }
                }
                for (int i = graph.getInitializerCount() - 1; i >= 0; i--) {
                    if (!used.contains(graph.getInitializer(i).getName())) {
                        graph.removeInitializer(i);
                        changed = true;
                    }
                }
            }
            // Old-IR models also list initializers as graph inputs: drop those whose initializer is gone.
            Set<String> kept = new HashSet<>();
            graph.getInitializerList().forEach(t -> kept.add(t.getName()));
            for (int i = graph.getInputCount() - 1; i >= 0; i--) {
                String name = graph.getInput(i).getName();
                if (originalInitializers.contains(name) && !kept.contains(name)) graph.removeInput(i);
            }
        }
    }
}
