package org.eusedge.inference.quant;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets an exception that says what was wrong and what to do. */
class QdqQuantizerErrorsTest {

    private static float[][] tinyCrops(int n) {
        float[][] crops = new float[n][16];
        for (int k = 0; k < n; k++) for (int i = 0; i < 16; i++) crops[k][i] = (float) Math.sin(k * 16 + i);
        return crops;
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }

    @Test
    void tinySupportedGraphCalibratesAndQuantises() throws Exception {
        byte[] model = TinyOnnx.convReluThen("MaxPool", 17);
        Calibration c = new CalibrationCollector(2, 1).collect(model, tinyCrops(5));
        assertTrue(c.tensors().contains("input") && c.tensors().contains("r"), c.tensors().toString());
        byte[] int8 = QdqQuantizer.quantize(model, c, QuantOptions.defaults());
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> QdqQuantizer.quantize(int8, c, QuantOptions.defaults())), "already quantised", "FP32");
        // The integer model must compute the float one to within a few output steps (input, weight and output
        // rounding each contribute at most half a step of their own grid).
        float[][] crops = tinyCrops(5);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession f = env.createSession(model); OrtSession q = env.createSession(int8)) {
            float[][] expected = CropBatches.rows(env, f, crops, 5, "output");
            float[][] actual = CropBatches.rows(env, q, crops, 5, "output");
            float step = ActivationQuant.uint8Asymmetric(c.range("r", QuantOptions.defaults())).scale();
            for (int k = 0; k < crops.length; k++) {
                for (int i = 0; i < expected[k].length; i++) {
                    assertEquals(expected[k][i], actual[k][i], 3 * step, "crop " + k + " value " + i);
                }
            }
        }
    }

    @Test
    void unsupportedOperatorIsNamed() throws Exception {
        byte[] model = TinyOnnx.convReluThen("Softmax", 17);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CalibrationCollector().collect(model, tinyCrops(3)));
        assertMessage(e, "'second'", "Softmax", "supported:", "Conv");
        Calibration other = new CalibrationCollector(2, 1).collect(TinyOnnx.convReluThen("MaxPool", 17), tinyCrops(3));
        e = assertThrows(IllegalArgumentException.class, () -> QdqQuantizer.quantize(model, other, QuantOptions.defaults()));
        assertMessage(e, "Softmax");
    }

    @Test
    void missingCalibrationDataIsRefused() {
        byte[] model = TinyOnnx.convReluThen("MaxPool", 17);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new CalibrationCollector().collect(model, new float[0][])), "no calibration data");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> QdqQuantizer.quantize(model, null, QuantOptions.defaults())), "no calibration data");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new Calibration(0, Map.of())), "no calibration data");
    }

    @Test
    void calibrationOfAnotherModelIsRefused() throws Exception {
        Calibration c = new CalibrationCollector(2, 1).collect(TinyOnnx.convReluThen("MaxPool", 17), tinyCrops(3));
        byte[] renamed = TinyOnnx.convReluThen("MaxPool", 17, "z"); // same graph, Relu output named differently
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QdqQuantizer.quantize(renamed, c, QuantOptions.defaults()));
        assertMessage(e, "no calibration statistics for tensor 'z'", "CalibrationCollector");
    }

    @Test
    void oldOpsetWrongCropsAndNonOnnxBytesAreExplained() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new CalibrationCollector().collect(TinyOnnx.convReluThen("MaxPool", 11), tinyCrops(2))),
                "opset 11", "re-export");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new CalibrationCollector().collect(TinyOnnx.convReluThen("MaxPool", 17), new float[][]{new float[15]})),
                "crop 0 has 15 values", "16");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new CalibrationCollector().collect("not a model".getBytes(), tinyCrops(2))), "not an ONNX model");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new QuantOptions(CalibrationMethod.PERCENTILE, 120, false, false)), "percentile");
    }
}
