package org.eusedge.inference.quant;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

/** Feeds CHW crops through an ORT session in batches along the model's dynamic first dimension. */
final class CropBatches {
    interface BatchConsumer {
        void accept(int firstCrop, int batchLength, OrtSession.Result result) throws OrtException;
    }

    private CropBatches() {}

    /** The single input's name and its per-crop shape (the dimensions after the batch one). */
    static Map.Entry<String, long[]> cropInput(OrtSession session) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("the model has " + inputs.size() + " inputs " + inputs.keySet()
                    + "; the quantizer handles image backbones with one input (N x C x H x W)");
        }
        Map.Entry<String, NodeInfo> in = inputs.entrySet().iterator().next();
        long[] shape = ((TensorInfo) in.getValue().getInfo()).getShape();
        long[] crop = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        for (long d : crop) {
            if (d <= 0) throw new IllegalArgumentException("model input '" + in.getKey() + "' has a non-fixed "
                    + "dimension after the batch one " + java.util.Arrays.toString(shape) + "; export it with fixed C, H, W");
        }
        return Map.entry(in.getKey(), crop);
    }

    static void run(OrtEnvironment env, OrtSession session, float[][] crops, int batchSize, Set<String> outputs,
                    BatchConsumer consumer) throws OrtException {
        Map.Entry<String, long[]> input = cropInput(session);
        long[] cropShape = input.getValue();
        int cropLength = 1;
        for (long d : cropShape) cropLength *= (int) d;
        for (int i = 0; i < crops.length; i++) {
            if (crops[i] == null || crops[i].length != cropLength) {
                throw new IllegalArgumentException("crop " + i + " has " + (crops[i] == null ? "no" : crops[i].length)
                        + " values; input '" + input.getKey() + "' takes " + java.util.Arrays.toString(cropShape)
                        + " = " + cropLength + " (CHW, normalised like the training crops)");
            }
        }
        for (int first = 0; first < crops.length; first += batchSize) {
            int n = Math.min(batchSize, crops.length - first);
            FloatBuffer buffer = FloatBuffer.allocate(n * cropLength);
            for (int k = 0; k < n; k++) buffer.put(crops[first + k]);
            buffer.flip();
            long[] shape = new long[cropShape.length + 1];
            shape[0] = n;
            System.arraycopy(cropShape, 0, shape, 1, cropShape.length);
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape);
                 OrtSession.Result result = session.run(Map.of(input.getKey(), tensor), outputs)) {
                consumer.accept(first, n, result);
            }
        }
    }

    /** One float output of the model, one row per crop. */
    static float[][] rows(OrtEnvironment env, OrtSession session, float[][] crops, int batchSize, String output)
            throws OrtException {
        if (!session.getOutputNames().contains(output)) {
            throw new IllegalArgumentException("the model has no output '" + output + "' (it has "
                    + session.getOutputNames() + ")");
        }
        float[][] rows = new float[crops.length][];
        run(env, session, crops, batchSize, Set.of(output), (first, n, result) -> {
            FloatBuffer values = floatBuffer(result.get(output).orElseThrow());
            int width = values.remaining() / n;
            for (int k = 0; k < n; k++) {
                rows[first + k] = new float[width];
                values.get(k * width + values.position(), rows[first + k]);
            }
        });
        return rows;
    }

    static FloatBuffer floatBuffer(OnnxValue value) {
        if (!(value instanceof OnnxTensor t) || t.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new IllegalStateException("expected a float tensor, got " + value.getInfo());
        }
        return t.getFloatBuffer();
    }
}
