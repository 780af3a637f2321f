package org.eusedge.inference;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.nio.file.Path;
import java.util.List;

/**
 * The contract a bundle's backbone graph meets, read from its declared inputs and outputs: one float input
 * {@code input} N x 3 x S x S, outputs {@code features} N x C and {@code layer4} N x C x H x W with fixed C, H, W.
 */
record BackboneSignature(String inputName, int inputSize, int featureDim, int[] mapShape) {
    static final String INPUT = "input";
    static final String FEATURES = "features";
    static final String MAP = "layer4";

    static BackboneSignature of(ModelProto model, Path source) {
        GraphProto graph = model.getGraph();
        List<ValueInfoProto> inputs = OnnxProtos.feedInputs(graph);
        ValueInfoProto features = output(graph, FEATURES);
        ValueInfoProto map = output(graph, MAP);
        if (features == null || map == null || inputs.size() != 1) {
            throw new IllegalArgumentException(source + " is not a normalised backbone graph: it needs one input and outputs named '"
                    + FEATURES + "' and '" + MAP + "', it has inputs " + inputs.stream().map(ValueInfoProto::getName).toList()
                    + " and outputs " + graph.getOutputList().stream().map(ValueInfoProto::getName).toList()
                    + "; import it with `eus-edge model import` first");
        }
        long[] in = dims(inputs.get(0));
        if (in.length != 4 || in[1] != 3 || in[2] <= 0 || in[2] != in[3]) {
            throw new IllegalArgumentException(source + ": input '" + inputs.get(0).getName() + "' must be N x 3 x S x S with a fixed S, it is "
                    + java.util.Arrays.toString(in) + " (-1 = symbolic); import it with `eus-edge model import`");
        }
        long[] f = dims(features);
        long[] m = dims(map);
        if (f.length != 2 || m.length != 4 || f[1] <= 0 || m[1] != f[1] || m[2] <= 0 || m[3] <= 0) {
            throw new IllegalArgumentException(source + ": outputs must be features N x C and layer4 N x C x H x W with fixed C, H, W; they are "
                    + java.util.Arrays.toString(f) + " and " + java.util.Arrays.toString(m) + " (-1 = symbolic); import it with `eus-edge model import`");
        }
        return new BackboneSignature(inputs.get(0).getName(), (int) in[2], (int) f[1], new int[]{(int) m[1], (int) m[2], (int) m[3]});
    }

    private static ValueInfoProto output(GraphProto graph, String name) {
        for (ValueInfoProto v : graph.getOutputList()) if (v.getName().equals(name)) return v;
        return null;
    }

    /** Declared dims; -1 where a dim is symbolic or missing. */
    static long[] dims(ValueInfoProto value) {
        List<TensorShapeProto.Dimension> dims = value.getType().getTensorType().getShape().getDimList();
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) out[i] = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
        return out;
    }
}
