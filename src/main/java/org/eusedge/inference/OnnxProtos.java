package org.eusedge.inference;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small helpers over the ONNX protobuf classes: building tensors, value infos and nodes, and reading a model file. */
final class OnnxProtos {
    static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    private OnnxProtos() {}

    /** A float initializer stored as little-endian raw_data, the layout the ONNX spec prescribes. */
    static TensorProto floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT).setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) t.addDims(d);
        return t.build();
    }

    /** A tensor type; each dim is a Long/Integer (fixed) or a String (symbolic, e.g. the batch "N"). */
    static ValueInfoProto tensorInfo(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String param) dim.setDimParam(param);
            else dim.setDimValue(((Number) d).longValue());
            shape.addDim(dim);
        }
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    static NodeProto node(String opType, String name, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        return NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addAllOutput(outputs)
                .addAllAttribute(List.of(attributes)).build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** The attribute's int value, or the default when the node does not set it. */
    static long intAttribute(NodeProto node, String name, long fallback) {
        for (AttributeProto a : node.getAttributeList()) if (a.getName().equals(name)) return a.getI();
        return fallback;
    }

    static List<Long> intsAttribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) if (a.getName().equals(name)) return a.getIntsList();
        return List.of();
    }

    /** Graph inputs that are not initializers: the tensors a caller has to feed. */
    static List<ValueInfoProto> feedInputs(GraphProto graph) {
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) initializers.add(t.getName());
        return graph.getInputList().stream().filter(v -> !initializers.contains(v.getName())).toList();
    }

    /**
     * Reads and parses an ONNX file, with messages that say what is wrong with it. Protobuf accepts many byte strings
     * that are not models (unknown fields are skipped), so a parse without a graph of nodes also counts as "not ONNX".
     */
    static ModelProto readModel(Path onnx) {
        if (onnx == null) throw new IllegalArgumentException("no ONNX model path given");
        if (!Files.isRegularFile(onnx)) {
            throw new IllegalArgumentException("ONNX model file not found: " + onnx + " (check the path, or the bundle's backbone entry)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(onnx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX model " + onnx + ": " + e.getMessage(), e);
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw notOnnx(onnx, "protobuf parsing failed: " + e.getMessage());
        }
        if (model.getIrVersion() <= 0 || model.getGraph().getNodeCount() == 0) {
            throw notOnnx(onnx, "no IR version or no graph nodes");
        }
        return model;
    }

    private static IllegalArgumentException notOnnx(Path onnx, String why) {
        return new IllegalArgumentException(onnx + " is not an ONNX model (" + why + "); export the network to ONNX"
                + " (e.g. torch.onnx.export) and import it with `eus-edge model import`");
    }
}
