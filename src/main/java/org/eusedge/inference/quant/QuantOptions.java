package org.eusedge.inference.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a static INT8 quantisation.
 *
 * @param calibrationMethod  how activation ranges are derived from the calibration statistics
 * @param percentile         the percentile of |x| for {@link CalibrationMethod#PERCENTILE} (ignored for MIN_MAX)
 * @param keepFirstConvFloat leave the first convolution (3-channel input, most sensitive) in FP32
 * @param keepLastBlockFloat leave the last stage (everything downstream of the input of the last strided
 *                           convolution: layer4 in a ResNet) in FP32, so the Grad-CAM map is not on a coarse grid
 */
public record QuantOptions(CalibrationMethod calibrationMethod, double percentile,
                           boolean keepFirstConvFloat, boolean keepLastBlockFloat) {

    public static final double DEFAULT_PERCENTILE = 99.99;

    public QuantOptions {
        if (calibrationMethod == null) throw new IllegalArgumentException("calibration method is required");
        if (calibrationMethod == CalibrationMethod.PERCENTILE && !(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100] (e.g. 99.99), was " + percentile);
        }
    }

    /** Every layer quantised, MinMax ranges. */
    public static QuantOptions defaults() {
        return new QuantOptions(CalibrationMethod.MIN_MAX, DEFAULT_PERCENTILE, false, false);
    }

    public QuantOptions withCalibration(CalibrationMethod method, double percentile) {
        return new QuantOptions(method, percentile, keepFirstConvFloat, keepLastBlockFloat);
    }

    public QuantOptions withKeepFirstConvFloat(boolean keep) {
        return new QuantOptions(calibrationMethod, percentile, keep, keepLastBlockFloat);
    }

    public QuantOptions withKeepLastBlockFloat(boolean keep) {
        return new QuantOptions(calibrationMethod, percentile, keepFirstConvFloat, keep);
    }

    /** What the bundle records about how its INT8 backbone was made (insertion-ordered, string values). */
    public Map<String, String> provenance(Calibration calibration) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quantization", "static QDQ (ONNX QuantizeLinear/DequantizeLinear)");
        p.put("weights", "int8 symmetric per output channel (axis 0), scale = max|w|/127");
        p.put("bias", "int32, scale = input_scale * weight_scale[c], zero point 0");
        p.put("activations", "uint8 asymmetric per tensor, range includes 0, round half to even");
        p.put("calibration_method", calibrationMethod.name());
        if (calibrationMethod == CalibrationMethod.PERCENTILE) p.put("calibration_percentile", Double.toString(percentile));
        p.put("calibration_crops", Integer.toString(calibration.sampleCount()));
        p.put("calibrated_tensors", Integer.toString(calibration.tensors().size()));
        p.put("keep_first_conv_float", Boolean.toString(keepFirstConvFloat));
        p.put("keep_last_block_float", Boolean.toString(keepLastBlockFloat));
        return Collections.unmodifiableMap(p);
    }
}
