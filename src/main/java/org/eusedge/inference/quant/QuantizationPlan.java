package org.eusedge.inference.quant;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which nodes of an FP32 graph run in integer form and which tensors get a uint8 representation, in the patterns
 * ORT's CPU provider fuses: DQ,DQ(w),DQ(b) -> Conv -> Q (QLinearConv), DQ,DQ -> Add -> Q (QLinearAdd),
 * DQ -> MaxPool -> Q with equal parameters. A Relu right after a quantised Conv or Add is folded away: the
 * producer's output takes the Relu's range with zero point 0, whose saturation at 0 is the Relu.
 */
final class QuantizationPlan {
    enum Role { FLOAT, CONV, ADD, MAXPOOL, FOLDED_RELU }

    static final Set<String> SUPPORTED_OPS = Set.of("Conv", "Relu", "Add", "MaxPool", "GlobalAveragePool",
            "Flatten", "Reshape", "Identity", "Constant");
    static final long MIN_OPSET = 13; // per-channel DequantizeLinear (axis) needs opset 13

    final OnnxGraph g;
    final Role[] roles;
    /** quantised node index -> the tensor it finally produces (its own output, or the folded Relu's). */
    final Map<Integer, String> effectiveOutput = new HashMap<>();
    /** every tensor with a uint8 form -> the tensor whose calibrated range sets its scale and zero point. */
    final Map<String, String> paramsSource = new LinkedHashMap<>();

    private QuantizationPlan(OnnxGraph g, Role[] roles) {
        this.g = g;
        this.roles = roles;
    }

    static QuantizationPlan of(OnnxGraph g, boolean keepFirstConvFloat, boolean keepLastBlockFloat) {
        if (g.onnxOpset() < MIN_OPSET) {
            throw new IllegalArgumentException("model uses ONNX opset " + g.onnxOpset() + "; per-channel INT8 needs "
                    + "opset >= " + MIN_OPSET + ": re-export the FP32 model at opset 13 or later (17 is tested)");
        }
        List<NodeProto> nodes = g.nodes;
        for (NodeProto n : nodes) {
            boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
            if (n.getOpType().equals("QuantizeLinear") || n.getOpType().equals("DequantizeLinear")
                    || n.getOpType().startsWith("QLinear")) {
                throw new IllegalArgumentException("the model is already quantised (" + describe(n) + " is "
                        + n.getOpType() + "): pass the FP32 model");
            }
            if (!defaultDomain || !SUPPORTED_OPS.contains(n.getOpType())) {
                throw new IllegalArgumentException(describe(n) + " is " + (defaultDomain ? "" : n.getDomain() + ".")
                        + n.getOpType() + ", which the INT8 quantizer does not handle (supported: "
                        + String.join(", ", SUPPORTED_OPS.stream().sorted().toList())
                        + "); give it a ResNet-style FP32 graph with BatchNorm folded, or keep this model in FP32");
            }
        }
        Set<Integer> keepFloat = new HashSet<>();
        if (keepFirstConvFloat) keepFloat.addAll(firstConv(g));
        if (keepLastBlockFloat) keepFloat.addAll(lastStage(g));

        Role[] roles = new Role[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            roles[i] = Role.FLOAT;
            if (keepFloat.contains(i)) continue;
            switch (n.getOpType()) {
                case "Conv" -> {
                    requireConstant(g, n, 1, "weight");
                    if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) requireConstant(g, n, 2, "bias");
                    if (g.isConstant(n.getInput(0))) {
                        throw new IllegalArgumentException(describe(n) + " (Conv) has a constant input; "
                                + "the quantizer expects activations there");
                    }
                    roles[i] = Role.CONV;
                }
                case "Add" -> {
                    // A residual sum of two activations; an Add with a constant stays in FP32.
                    if (!g.isConstant(n.getInput(0)) && !g.isConstant(n.getInput(1))) roles[i] = Role.ADD;
                }
                case "MaxPool" -> {
                    if (n.getOutputCount() == 1) roles[i] = Role.MAXPOOL;
                }
                default -> { }
            }
        }
        QuantizationPlan plan = new QuantizationPlan(g, roles);
        plan.foldRelus();
        plan.assignTensors();
        return plan;
    }

    private static void requireConstant(OnnxGraph g, NodeProto n, int input, String what) {
        if (!g.isConstant(n.getInput(input))) {
            throw new IllegalArgumentException(describe(n) + " (Conv) takes its " + what + " '" + n.getInput(input)
                    + "' from a computed tensor; static quantisation needs it as a constant initializer");
        }
    }

    /** A node as a message names it: by its name, or by its first output when it has none. */
    static String describe(NodeProto n) {
        return n.getName().isEmpty() ? "the node producing '" + n.getOutput(0) + "'" : "node '" + n.getName() + "'";
    }

    private static Set<Integer> firstConv(OnnxGraph g) {
        for (int i = 0; i < g.nodes.size(); i++) if (g.nodes.get(i).getOpType().equals("Conv")) return Set.of(i);
        throw new IllegalArgumentException("keepFirstConvFloat was asked but the graph has no Conv");
    }

    /** Every node downstream of the input of the last strided convolution: the last stage of a ResNet. */
    private static Set<Integer> lastStage(OnnxGraph g) {
        String stageInput = null;
        for (NodeProto n : g.nodes) {
            if (n.getOpType().equals("Conv")) {
                for (long s : OnnxGraph.intsAttribute(n, "strides")) if (s > 1) stageInput = n.getInput(0);
            }
        }
        if (stageInput == null) {
            throw new IllegalArgumentException("keepLastBlockFloat was asked but the graph has no strided Conv "
                    + "that marks where its last stage begins");
        }
        Set<Integer> stage = new HashSet<>();
        ArrayDeque<String> frontier = new ArrayDeque<>(List.of(stageInput));
        while (!frontier.isEmpty()) {
            for (int c : g.consumersOf(frontier.pop())) {
                if (stage.add(c)) frontier.addAll(g.nodes.get(c).getOutputList());
            }
        }
        return stage;
    }

    private void foldRelus() {
        for (int i = 0; i < roles.length; i++) {
            NodeProto n = g.nodes.get(i);
            if (n.getOpType().equals("Conv") || n.getOpType().equals("Add") || n.getOpType().equals("MaxPool")) {
                if (roles[i] != Role.FLOAT) effectiveOutput.put(i, n.getOutput(0));
            }
            if (!n.getOpType().equals("Relu") || roles[i] != Role.FLOAT) continue;
            Integer p = g.producer.get(n.getInput(0));
            if (p == null || !(roles[p] == Role.CONV || roles[p] == Role.ADD)) continue;
            String t = n.getInput(0);
            if (g.consumersOf(t).size() == 1 && !g.graphOutputs.contains(t)) {
                roles[i] = Role.FOLDED_RELU;
                effectiveOutput.put(p, n.getOutput(0));
            }
        }
    }

    private void assignTensors() {
        for (int i = 0; i < roles.length; i++) {
            NodeProto n = g.nodes.get(i);
            switch (roles[i]) {
                case CONV -> {
                    quantize(n.getInput(0), n.getInput(0));
                    quantize(effectiveOutput.get(i), effectiveOutput.get(i));
                }
                case ADD -> {
                    quantize(n.getInput(0), n.getInput(0));
                    quantize(n.getInput(1), n.getInput(1));
                    quantize(effectiveOutput.get(i), effectiveOutput.get(i));
                }
                case MAXPOOL -> {
                    // ORT runs MaxPool on uint8 only when both sides share scale and zero point.
                    quantize(n.getInput(0), n.getInput(0));
                    quantize(n.getOutput(0), paramsSource.get(n.getInput(0)));
                }
                default -> { }
            }
        }
    }

    private void quantize(String tensor, String source) {
        paramsSource.putIfAbsent(tensor, source);
    }

    boolean isQuantizedNode(int i) {
        return roles[i] == Role.CONV || roles[i] == Role.ADD || roles[i] == Role.MAXPOOL;
    }

    /** Tensors whose range must be calibrated (in graph order). */
    Set<String> calibratedTensors() {
        return new LinkedHashSet<>(paramsSource.values());
    }
}
