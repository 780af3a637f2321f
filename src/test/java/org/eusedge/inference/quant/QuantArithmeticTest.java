package org.eusedge.inference.quant;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scale, zero point and rounding worked out by hand on tiny tensors (power-of-two steps keep them exact). */
class QuantArithmeticTest {

    // Range [-1, 2.984375]: width 3.984375 = 255/64, so scale = 1/64 and zero point = 1 / (1/64) = 64.
    private static final TensorRange RANGE = new TensorRange(-1f, 2.984375f);
    private static final float[] X = {1 / 128f, 3 / 128f, 5 / 128f, -1 / 128f, -3 / 128f, 0f, 10f, -5f, 2.984375f};
    // x/scale = 0.5, 1.5, 2.5, -0.5, -1.5, 0, 640, -320, 191 -> half to even 0, 2, 2, -0, -2, 0 -> + 64, saturated
    private static final int[] EXPECTED = {64, 66, 66, 64, 62, 64, 255, 0, 255};

    @Test
    void uint8ParametersAndHalfToEvenRoundingByHand() {
        ActivationQuant q = ActivationQuant.uint8Asymmetric(RANGE);
        assertEquals(1 / 64f, q.scale());
        assertEquals(64, q.zeroPoint());
        for (int i = 0; i < X.length; i++) assertEquals(EXPECTED[i], q.quantize(X[i]), "x = " + X[i]);
        assertEquals(-1f, q.dequantize(0));
        assertEquals(0f, q.dequantize(64));
    }

    @Test
    void onnxRuntimeQuantizeLinearAgreesWithTheHandValues() throws Exception {
        ActivationQuant q = ActivationQuant.uint8Asymmetric(RANGE);
        GraphProto g = GraphProto.newBuilder().setName("q")
                .addInput(TinyOnnx.value("x", TensorProto.DataType.FLOAT_VALUE, X.length))
                .addInitializer(OnnxGraph.floatTensor("s", new long[0], new float[]{q.scale()}))
                .addInitializer(OnnxGraph.uint8Tensor("z", new long[0], new byte[]{(byte) q.zeroPoint()}))
                .addNode(TinyOnnx.node("QuantizeLinear", "q", new String[]{"x", "s", "z"}, "y"))
                .addOutput(TinyOnnx.value("y", TensorProto.DataType.UINT8_VALUE, X.length))
                .build();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(TinyOnnx.model(g, 17).toByteArray());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(X), new long[]{X.length});
             OrtSession.Result r = s.run(Map.of("x", x))) {
            ByteBuffer y = ((OnnxTensor) r.get(0)).getByteBuffer();
            int[] got = new int[X.length];
            for (int i = 0; i < got.length; i++) got[i] = y.get(i) & 0xff;
            assertArrayEquals(EXPECTED, got);
        }
    }

    @Test
    void rangeIsWidenedToIncludeZero() {
        // [0.5, 2.55] becomes [0, 2.55]: scale 0.01, zero point 0, so Relu's 0 stays exact.
        ActivationQuant positive = ActivationQuant.uint8Asymmetric(new TensorRange(0.5f, 2.55f));
        assertEquals(0.01f, positive.scale(), 1e-7f);
        assertEquals(0, positive.zeroPoint());
        // [-2.55, -0.5] becomes [-2.55, 0]: zero point 255.
        assertEquals(255, ActivationQuant.uint8Asymmetric(new TensorRange(-2.55f, -0.5f)).zeroPoint());
        ActivationQuant zero = ActivationQuant.uint8Asymmetric(new TensorRange(0f, 0f));
        assertEquals(0, zero.quantize(0f));
        assertEquals(0f, zero.dequantize(zero.quantize(0f)));
    }

    @Test
    void perChannelSymmetricWeightsAndInt32BiasByHand() {
        // Channel 0: max|w| = 127/64 so scale = 1/64; w/scale = 127, -127, 1.5, 2.5, -0.5 -> 127, -127, 2, 2, 0.
        // Channel 1: all zero -> scale 1 (any scale is exact), weights 0.
        float[] w = {127 / 64f, -127 / 64f, 3 / 128f, 5 / 128f, -1 / 128f, 0, 0, 0, 0, 0};
        float[] bias = {3 / 256f, 2f};
        ConvWeightQuant q = ConvWeightQuant.quantize(w, 2, bias, 0.5f);
        assertArrayEquals(new byte[]{127, -127, 2, 2, 0, 0, 0, 0, 0, 0}, q.weights());
        assertArrayEquals(new float[]{1 / 64f, 1f}, q.weightScales());
        // Bias scales 0.5 * 1/64 = 1/128 and 0.5 * 1 = 0.5: 3/256 / (1/128) = 1.5 -> 2; 2 / 0.5 = 4.
        assertArrayEquals(new float[]{1 / 128f, 0.5f}, q.biasScales());
        assertArrayEquals(new int[]{2, 4}, q.bias());
    }

    @Test
    void biasTooLargeForInt32WidensTheWeightStepInsteadOfOverflowing() {
        float[] w = {1e-9f, -1e-9f};
        float[] bias = {1000f};
        ConvWeightQuant q = ConvWeightQuant.quantize(w, 1, bias, 1e-3f);
        double biasBack = (double) q.bias()[0] * q.biasScales()[0];
        assertTrue(Math.abs(q.bias()[0]) < Integer.MAX_VALUE, "bias must fit int32 without saturating");
        assertEquals(1000.0, biasBack, q.biasScales()[0] / 2 + 1e-3);
    }
}
