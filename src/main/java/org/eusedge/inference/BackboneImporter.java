package org.eusedge.inference;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.eusedge.inference.BackboneSignature.FEATURES;
import static org.eusedge.inference.BackboneSignature.INPUT;
import static org.eusedge.inference.BackboneSignature.MAP;
import static org.eusedge.inference.OnnxProtos.FLOAT;
import static org.eusedge.inference.OnnxProtos.intAttr;
import static org.eusedge.inference.OnnxProtos.node;

/**
 * Turns an exported or third-party CNN into the backbone graph a bundle carries: one input {@code input}
 * (N x 3 x S x S float) and exactly two outputs, {@code features} (the pooled N x C vector) and {@code layer4}
 * (the N x C x H x W map the pool reads, for Grad-CAM); the classifier head and every node not needed for those two
 * outputs are pruned.
 * <p>
 * The pooled tensor is found by its operator: a GlobalAveragePool, a ReduceMean over axes 2 and 3, or, in a
 * QOperator-quantized graph, com.microsoft's QLinearGlobalAveragePool (whose uint8 input and output are dequantized).
 * Where several exist (squeeze-and-excitation blocks pool inside the body), the last one in the graph's topological
 * node order is the head's. Shapes are not inferred from the protobuf (no ONNX shape inference exists in Java): the
 * normalised graph is run once through ONNX Runtime on a zero batch of two, which also proves the batch is dynamic.
 * <p>
 * ONNX's Python tooling offers this kind of surgery (onnx.utils.Extractor, onnx-graphsurgeon); nothing comparable exists
 * for Java, so it is done here directly on the ONNX protobuf classes.
 */
public final class BackboneImporter {
    private static final String QLINEAR_POOL_DOMAIN = "com.microsoft";

    private BackboneImporter() {}

    /** Checks a graph and reports what an import would use and change, without writing anything. */
    public static ImportReport inspect(Path onnx) {
        return normalise(OnnxProtos.readModel(onnx), onnx).report();
    }

    /** Writes the normalised graph of {@code src} to {@code dst} (parent folders created) and reports what was done. */
    public static ImportReport importTo(Path src, Path dst) {
        Normalised n = normalise(OnnxProtos.readModel(src), src);
        try {
            Path parent = dst.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(dst, n.model().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the imported backbone to " + dst + ": " + e.getMessage(), e);
        }
        return n.report();
    }

    private record Normalised(ModelProto model, ImportReport report) {}

    private enum PoolKind { GLOBAL_AVERAGE_POOL, REDUCE_MEAN, QLINEAR_GLOBAL_AVERAGE_POOL }

    private record Pool(NodeProto node, PoolKind kind) {}

    /** The tensors of the source graph that become the two outputs, and the name the features come from. */
    private record Taps(String featureTensor, String featureSource, String mapTensor) {}

    private static Normalised normalise(ModelProto source, Path path) {
        GraphProto graph = source.getGraph();
        ValueInfoProto image = imageInput(graph, path);
        int size = (int) BackboneSignature.dims(image)[2];
        Pool pool = findPool(graph, path);

        List<String> changes = new ArrayList<>();
        GraphProto.Builder b = graph.toBuilder();
        Names names = new Names(graph);
        Taps taps = pool.kind() == PoolKind.QLINEAR_GLOBAL_AVERAGE_POOL
                ? dequantizedTaps(graph, b, names, pool.node(), changes)
                : floatTaps(graph, b, names, pool, changes);

        Renamer renamer = new Renamer(b, names, changes);
        renamer.rename(image.getName(), INPUT, "input");
        renamer.rename(taps.featureTensor(), FEATURES, "pooled features");
        renamer.rename(taps.mapTensor(), MAP, "pool input map");

        String batch = batchDimension(b, image, changes);
        b.clearOutput();
        b.addOutput(ValueInfoProto.newBuilder().setName(FEATURES).build());
        b.addOutput(ValueInfoProto.newBuilder().setName(MAP).build());
        List<String> oldOutputs = graph.getOutputList().stream().map(ValueInfoProto::getName).toList();
        if (!oldOutputs.equals(List.of(FEATURES, MAP))) changes.add("outputs " + oldOutputs + " replaced by [features, layer4]");
        prune(b, changes);

        ModelProto.Builder model = source.toBuilder().setGraph(b);
        if (model.getIrVersion() < 4) {
            // IR 4 is the first that lets initializers stay out of the graph inputs, which prune() relies on
            model.setIrVersion(4);
            changes.add("IR version " + source.getIrVersion() + " raised to 4");
        }
        long[][] shapes = probeShapes(model.build(), size, path);
        int c = (int) shapes[0][1];
        int[] map = {(int) shapes[1][1], (int) shapes[1][2], (int) shapes[1][3]};
        b.setOutput(0, OnnxProtos.tensorInfo(FEATURES, FLOAT, batch, c));
        b.setOutput(1, OnnxProtos.tensorInfo(MAP, FLOAT, batch, map[0], map[1], map[2]));
        model.setGraph(b);
        return new Normalised(model.build(),
                new ImportReport(image.getName(), size, c, map, taps.featureSource(), pool.node().getInput(0), changes));
    }

    /** QLinearGlobalAveragePool (inputs X, x_scale, x_zero_point, y_scale, y_zero_point): dequantize its input and output. */
    private static Taps dequantizedTaps(GraphProto graph, GraphProto.Builder b, Names names, NodeProto p, List<String> changes) {
        String map = existingDequantize(graph, p.getInput(0), p.getInput(1), p.getInput(2));
        if (map == null) {
            map = names.fresh(MAP);
            b.addNode(node("DequantizeLinear", map, List.of(p.getInput(0), p.getInput(1), p.getInput(2)), List.of(map)));
            changes.add("added DequantizeLinear of the uint8 pool input " + p.getInput(0) + " for the float layer4 map");
        }
        String pooled = names.fresh(p.getOutput(0) + "_dequantized");
        b.addNode(node("DequantizeLinear", pooled, List.of(p.getOutput(0), p.getInput(3), p.getInput(4)), List.of(pooled)));
        String features = names.fresh(FEATURES);
        b.addNode(node("Flatten", features, List.of(pooled), List.of(features), intAttr("axis", 1)));
        changes.add("added DequantizeLinear + Flatten after " + p.getOpType() + " " + p.getName() + " for float N x C features");
        return new Taps(features, p.getOutput(0), map);
    }

    /** A float pool: its input is the map; its output, flattened, the features. */
    private static Taps floatTaps(GraphProto graph, GraphProto.Builder b, Names names, Pool pool, List<String> changes) {
        NodeProto p = pool.node();
        String pooled = p.getOutput(0);
        boolean keepDims = pool.kind() == PoolKind.GLOBAL_AVERAGE_POOL || OnnxProtos.intAttribute(p, "keepdims", 1) != 0;
        // the source's own N x C tensor where it has one (torchvision: Flatten -> "features"), else a new Flatten
        String existing = keepDims ? flattenConsumer(graph, pooled) : pooled;
        if (existing != null) return new Taps(existing, existing, p.getInput(0));
        String features = names.fresh(FEATURES);
        b.addNode(node("Flatten", features, List.of(pooled), List.of(features), intAttr("axis", 1)));
        changes.add("added Flatten after " + p.getOpType() + " " + p.getName() + " for N x C features");
        return new Taps(features, pooled, p.getInput(0));
    }

    private static ValueInfoProto imageInput(GraphProto graph, Path path) {
        List<ValueInfoProto> inputs = OnnxProtos.feedInputs(graph);
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(path + " has " + inputs.size() + " inputs " + inputs.stream().map(ValueInfoProto::getName).toList()
                    + "; a backbone takes exactly one image input N x 3 x S x S");
        }
        ValueInfoProto in = inputs.get(0);
        long[] dims = BackboneSignature.dims(in);
        int type = in.getType().getTensorType().getElemType();
        if (type != FLOAT || dims.length != 4 || dims[1] != 3 || dims[2] <= 0 || dims[2] != dims[3]) {
            throw new IllegalArgumentException(path + ": input '" + in.getName() + "' must be a float N x 3 x S x S tensor with a fixed square S,"
                    + " it is element type " + TensorProto.DataType.forNumber(type) + " with dims " + Arrays.toString(dims)
                    + " (-1 = symbolic); re-export the network with a fixed square input size");
        }
        return in;
    }

    private static Pool findPool(GraphProto graph, Path path) {
        Pool found = null;
        for (NodeProto n : graph.getNodeList()) {
            String domain = n.getDomain();
            if (n.getOpType().equals("GlobalAveragePool") && domain.isEmpty()) {
                found = new Pool(n, PoolKind.GLOBAL_AVERAGE_POOL);
            } else if (n.getOpType().equals("ReduceMean") && domain.isEmpty() && reducesSpatialAxes(graph, n)) {
                found = new Pool(n, PoolKind.REDUCE_MEAN);
            } else if (n.getOpType().equals("QLinearGlobalAveragePool") && domain.equals(QLINEAR_POOL_DOMAIN)
                    && OnnxProtos.intAttribute(n, "channels_last", 0) == 0) {
                found = new Pool(n, PoolKind.QLINEAR_GLOBAL_AVERAGE_POOL);
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no pooled feature tensor found in " + path + " (" + graph.getNodeCount() + " nodes): looked for"
                    + " a GlobalAveragePool, a ReduceMean over axes [2, 3], or a com.microsoft QLinearGlobalAveragePool (channels first);"
                    + " export the network with its global average pool (e.g. torchvision's avgpool) included");
        }
        return found;
    }

    /** ReduceMean over exactly the two spatial axes of an NCHW tensor: axes attribute (opset < 18) or a constant input. */
    private static boolean reducesSpatialAxes(GraphProto graph, NodeProto n) {
        List<Long> axes = OnnxProtos.intsAttribute(n, "axes");
        if (axes.isEmpty() && n.getInputCount() > 1) axes = int64Constant(graph, n.getInput(1));
        Set<Long> normalised = new HashSet<>();
        for (long a : axes) normalised.add(a < 0 ? a + 4 : a);
        return axes.size() == 2 && normalised.equals(Set.of(2L, 3L));
    }

    /** A constant int64 tensor: an initializer, or the value of a Constant node (torch.onnx exports use both). */
    private static List<Long> int64Constant(GraphProto graph, String name) {
        for (TensorProto t : graph.getInitializerList()) if (t.getName().equals(name)) return int64Values(t);
        for (NodeProto n : graph.getNodeList()) {
            if (!n.getOpType().equals("Constant") || !n.getOutput(0).equals(name)) continue;
            for (AttributeProto a : n.getAttributeList()) if (a.getName().equals("value")) return int64Values(a.getT());
        }
        return List.of();
    }

    private static List<Long> int64Values(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.INT64_VALUE) return List.of();
        if (t.getInt64DataCount() > 0) return t.getInt64DataList();
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<Long> values = new ArrayList<>();
        while (raw.remaining() >= Long.BYTES) values.add(raw.getLong());
        return values;
    }

    private static String existingDequantize(GraphProto graph, String x, String scale, String zeroPoint) {
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("DequantizeLinear") && n.getInputList().equals(List.of(x, scale, zeroPoint))) return n.getOutput(0);
        }
        return null;
    }

    private static String flattenConsumer(GraphProto graph, String pooled) {
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Flatten") && n.getInput(0).equals(pooled) && OnnxProtos.intAttribute(n, "axis", 1) == 1) {
                return n.getOutput(0);
            }
        }
        return null;
    }

    /**
     * Renames tensors everywhere they appear. A different tensor already holding a wanted name is moved aside first,
     * and later renames follow it there (so a map that happened to be called "features" is not mistaken for them).
     */
    private static final class Renamer {
        private final GraphProto.Builder b;
        private final Names names;
        private final List<String> changes;
        private final Map<String, String> movedAside = new HashMap<>();

        Renamer(GraphProto.Builder b, Names names, List<String> changes) {
            this.b = b;
            this.names = names;
            this.changes = changes;
        }

        void rename(String original, String to, String what) {
            String from = movedAside.getOrDefault(original, original);
            if (from.equals(to)) return;
            if (names.contains(to)) {
                String aside = names.fresh(to + "_source");
                replaceName(to, aside);
                movedAside.put(to, aside);
                changes.add("renamed tensor '" + to + "' to '" + aside + "' to free the name");
            }
            replaceName(from, to);
            names.add(to);
            changes.add("renamed " + what + " '" + from + "' to '" + to + "'");
        }

        // Subgraph attributes (If/Loop bodies) are not visited: CNN backbones have none up to their pool.
        private void replaceName(String from, String to) {
            for (NodeProto.Builder n : b.getNodeBuilderList()) {
                for (int i = 0; i < n.getInputCount(); i++) if (n.getInput(i).equals(from)) n.setInput(i, to);
                for (int i = 0; i < n.getOutputCount(); i++) if (n.getOutput(i).equals(from)) n.setOutput(i, to);
            }
            for (ValueInfoProto.Builder v : b.getInputBuilderList()) if (v.getName().equals(from)) v.setName(to);
            for (ValueInfoProto.Builder v : b.getOutputBuilderList()) if (v.getName().equals(from)) v.setName(to);
            for (ValueInfoProto.Builder v : b.getValueInfoBuilderList()) if (v.getName().equals(from)) v.setName(to);
            for (TensorProto.Builder t : b.getInitializerBuilderList()) if (t.getName().equals(from)) t.setName(to);
        }
    }

    /** Makes the input's batch dimension symbolic and returns its name, for the outputs' batch dimension. */
    private static String batchDimension(GraphProto.Builder b, ValueInfoProto image, List<String> changes) {
        for (ValueInfoProto.Builder v : b.getInputBuilderList()) {
            if (!v.getName().equals(INPUT)) continue;
            TensorShapeProto.Dimension.Builder dim = v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0);
            if (dim.hasDimParam() && !dim.getDimParam().isEmpty()) return dim.getDimParam();
            String was = dim.hasDimValue() ? String.valueOf(dim.getDimValue()) : "unnamed";
            dim.clearDimValue().setDimParam("N");
            changes.add("made the batch dimension of '" + image.getName() + "' dynamic (was " + was + ")");
            return "N";
        }
        throw new IllegalStateException("renamed input '" + INPUT + "' is missing from the graph inputs");
    }

    /** Keeps only the nodes, initializers and value infos the outputs depend on (walking the sorted nodes backwards). */
    private static void prune(GraphProto.Builder b, List<String> changes) {
        Set<String> needed = new HashSet<>(List.of(FEATURES, MAP));
        List<NodeProto> nodes = b.getNodeList();
        boolean[] keep = new boolean[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                for (String in : n.getInputList()) if (!in.isEmpty()) needed.add(in);
            }
        }
        Map<String, Integer> removed = new TreeMap<>();
        List<NodeProto> kept = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (keep[i]) kept.add(nodes.get(i));
            else removed.merge(nodes.get(i).getOpType(), 1, Integer::sum);
        }
        b.clearNode().addAllNode(kept);
        List<TensorProto> initializers = b.getInitializerList().stream().filter(t -> needed.contains(t.getName())).toList();
        int droppedInitializers = b.getInitializerCount() - initializers.size();
        b.clearInitializer().addAllInitializer(initializers);
        List<ValueInfoProto> valueInfo = b.getValueInfoList().stream().filter(v -> needed.contains(v.getName())).toList();
        b.clearValueInfo().addAllValueInfo(valueInfo);
        List<ValueInfoProto> inputs = b.getInputList().stream().filter(v -> v.getName().equals(INPUT)).toList();
        b.clearInput().addAllInput(inputs);
        if (!removed.isEmpty()) {
            int count = removed.values().stream().mapToInt(Integer::intValue).sum();
            changes.add("pruned " + count + " nodes not needed for features/layer4 " + removed + " and " + droppedInitializers + " initializers");
        }
    }

    /** Runs the normalised graph on zeros (batch 2) to learn the output shapes, and checks they fit together. */
    private static long[][] probeShapes(ModelProto model, int size, Path path) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int batch = 2;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.toByteArray(), so);
             OnnxTensor zeros = OnnxTensor.createTensor(env, FloatBuffer.allocate(batch * 3 * size * size), new long[]{batch, 3, size, size});
             OrtSession.Result result = session.run(Map.of(INPUT, zeros))) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (String name : List.of(FEATURES, MAP)) {
                OnnxTensor t = (OnnxTensor) result.get(name).orElseThrow();
                if (t.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new IllegalArgumentException(path + ": the " + name + " tensor is " + t.getInfo().type + ", a backbone's outputs must be float32");
                }
                shapes.put(name, t.getInfo().getShape());
            }
            long[] f = shapes.get(FEATURES);
            long[] m = shapes.get(MAP);
            if (f.length != 2 || m.length != 4 || f[0] != batch || m[0] != batch || f[1] != m[1]) {
                throw new IllegalArgumentException(path + ": the pooled tensor and its input do not fit a global average pool over an NCHW map:"
                        + " features " + Arrays.toString(f) + ", map " + Arrays.toString(m) + " for a batch of " + batch);
            }
            return new long[][]{f, m};
        } catch (OrtException e) {
            throw new IllegalArgumentException("the normalised graph of " + path + " does not run in ONNX Runtime with a batch of " + batch
                    + " (a reshape fixed to batch 1?): " + e.getMessage(), e);
        }
    }

    /** Every tensor name in the graph, to pick names that collide with nothing. */
    private static final class Names {
        private final Set<String> used = new HashSet<>();

        Names(GraphProto graph) {
            for (NodeProto n : graph.getNodeList()) {
                used.addAll(n.getInputList());
                used.addAll(n.getOutputList());
            }
            for (TensorProto t : graph.getInitializerList()) used.add(t.getName());
            for (ValueInfoProto v : graph.getInputList()) used.add(v.getName());
            for (ValueInfoProto v : graph.getOutputList()) used.add(v.getName());
            for (ValueInfoProto v : graph.getValueInfoList()) used.add(v.getName());
        }

        boolean contains(String name) {
            return used.contains(name);
        }

        void add(String name) {
            used.add(name);
        }

        String fresh(String base) {
            String name = base;
            for (int i = 1; used.contains(name); i++) name = base + "_" + i;
            used.add(name);
            return name;
        }
    }
}
