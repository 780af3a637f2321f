package org.eusedge.inference.quant;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/** Small hand-built ONNX graphs for the quantizer's tests. */
final class TinyOnnx {
    private TinyOnnx() {}

    static ValueInfoProto value(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof String s) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(s));
            else shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
        }
        TypeProto.Tensor.Builder type = TypeProto.Tensor.newBuilder().setElemType(elemType);
        if (dims.length > 0) type.setShape(shape); // no dims given: shape unknown (an empty shape means a scalar)
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(type)).build();
    }

    static ModelProto model(GraphProto graph, long opset) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    static NodeProto node(String op, String name, String[] inputs, String... outputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name);
        for (String i : inputs) n.addInput(i);
        for (String o : outputs) n.addOutput(o);
        return n.build();
    }

    static NodeProto withInts(NodeProto n, String attribute, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(attribute).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return n.toBuilder().addAttribute(a).build();
    }

    /** input N x 1 x 4 x 4 -> Conv (2 filters 3x3, pad 1) -> Relu -> {secondOp} -> output. */
    static byte[] convReluThen(String secondOp, long opset) {
        return convReluThen(secondOp, opset, "r");
    }

    /** As above, with the Relu output named {@code reluOutput}. */
    static byte[] convReluThen(String secondOp, long opset, String reluOutput) {
        float[] w = new float[2 * 9];
        for (int i = 0; i < w.length; i++) w[i] = (i % 5 - 2) * 0.25f;
        NodeProto second = node(secondOp, "second", new String[]{reluOutput}, "output");
        if (secondOp.equals("MaxPool")) second = withInts(second, "kernel_shape", 2, 2);
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny")
                .addInput(value("input", TensorProto.DataType.FLOAT_VALUE, "N", 1, 4, 4))
                .addInitializer(OnnxGraph.floatTensor("w", new long[]{2, 1, 3, 3}, w))
                .addInitializer(OnnxGraph.floatTensor("b", new long[]{2}, new float[]{0.1f, -0.2f}))
                .addNode(withInts(node("Conv", "conv", new String[]{"input", "w", "b"}, "c"), "pads", 1, 1, 1, 1))
                .addNode(node("Relu", "relu", new String[]{"c"}, reluOutput))
                .addNode(second)
                .addOutput(value("output", TensorProto.DataType.FLOAT_VALUE));
        return model(g.build(), opset).toByteArray();
    }
}
