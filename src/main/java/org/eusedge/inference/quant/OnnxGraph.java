package org.eusedge.inference.quant;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A read-only index of an ONNX graph (producers, consumers, constants) plus tensor encoding helpers. */
final class OnnxGraph {
    final ModelProto model;
    final GraphProto graph;
    final List<NodeProto> nodes;
    final Map<String, TensorProto> initializers = new HashMap<>();
    final Map<String, Integer> producer = new HashMap<>();
    final Map<String, List<Integer>> consumers = new HashMap<>();
    final Set<String> graphOutputs = new LinkedHashSet<>();
    final Set<String> graphInputs = new LinkedHashSet<>();

    private OnnxGraph(ModelProto model) {
        this.model = model;
        this.graph = model.getGraph();
        this.nodes = graph.getNodeList();
        for (TensorProto t : graph.getInitializerList()) initializers.put(t.getName(), t);
        for (ValueInfoProto v : graph.getInputList()) {
            if (!initializers.containsKey(v.getName())) graphInputs.add(v.getName());
        }
        for (ValueInfoProto v : graph.getOutputList()) graphOutputs.add(v.getName());
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            for (String out : n.getOutputList()) if (!out.isEmpty()) producer.put(out, i);
            for (String in : new LinkedHashSet<>(n.getInputList())) {
                if (!in.isEmpty()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
            }
        }
    }

    static OnnxGraph parse(byte[] modelBytes) {
        if (modelBytes == null || modelBytes.length == 0) {
            throw new IllegalArgumentException("empty model: pass the bytes of an FP32 .onnx file");
        }
        try {
            return new OnnxGraph(ModelProto.parseFrom(modelBytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model (protobuf parse failed: " + e.getMessage()
                    + "); pass the bytes of an .onnx file", e);
        }
    }

    /** The opset of the default ONNX domain. */
    long onnxOpset() {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) return o.getVersion();
        }
        return 0;
    }

    List<Integer> consumersOf(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** The constant value of a tensor: an initializer, a Constant node, or an Identity of either; else null. */
    TensorProto constant(String tensor) {
        TensorProto init = initializers.get(tensor);
        if (init != null) return init;
        Integer p = producer.get(tensor);
        if (p == null) return null;
        NodeProto n = nodes.get(p);
        return switch (n.getOpType()) {
            case "Identity" -> constant(n.getInput(0));
            case "Constant" -> {
                for (AttributeProto a : n.getAttributeList()) if (a.getName().equals("value")) yield a.getT();
                yield null;
            }
            default -> null;
        };
    }

    boolean isConstant(String tensor) {
        return constant(tensor) != null;
    }

    static long[] intsAttribute(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        }
        return new long[0];
    }

    // ---- tensor encoding (raw_data is little-endian per the ONNX spec) ----

    static float[] floats(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' has data type " + t.getDataType()
                    + ", expected FLOAT (1): the quantizer takes an FP32 model");
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) out[i] = t.getFloatData(i);
        return out;
    }

    static TensorProto floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensor(name, TensorProto.DataType.FLOAT_VALUE, dims, b.array());
    }

    static TensorProto int8Tensor(String name, long[] dims, byte[] values) {
        return tensor(name, TensorProto.DataType.INT8_VALUE, dims, values);
    }

    static TensorProto uint8Tensor(String name, long[] dims, byte[] values) {
        return tensor(name, TensorProto.DataType.UINT8_VALUE, dims, values);
    }

    static TensorProto int32Tensor(String name, long[] dims, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return tensor(name, TensorProto.DataType.INT32_VALUE, dims, b.array());
    }

    private static TensorProto tensor(String name, int dataType, long[] dims, byte[] raw) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType)
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) t.addDims(d);
        return t.build();
    }

    /** Raw bytes of an INT8/UINT8 tensor (two's complement for INT8). */
    static byte[] bytes(TensorProto t) {
        if (!t.getRawData().isEmpty()) return t.getRawData().toByteArray();
        byte[] out = new byte[t.getInt32DataCount()];
        for (int i = 0; i < out.length; i++) out[i] = (byte) t.getInt32Data(i);
        return out;
    }

    static int[] ints(TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int[] out = new int[b.remaining() / 4];
            b.asIntBuffer().get(out);
            return out;
        }
        int[] out = new int[t.getInt32DataCount()];
        for (int i = 0; i < out.length; i++) out[i] = t.getInt32Data(i);
        return out;
    }
}
