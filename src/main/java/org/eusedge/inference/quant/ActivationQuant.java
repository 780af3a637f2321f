package org.eusedge.inference.quant;

/**
 * Per-tensor uint8 asymmetric quantisation of an activation, as ONNX QuantizeLinear/DequantizeLinear define it:
 * q = saturate(round_half_to_even(x / scale) + zeroPoint) in [0, 255], x' = (q - zeroPoint) * scale.
 */
public record ActivationQuant(float scale, int zeroPoint) {
    public static final int QMIN = 0;
    public static final int QMAX = 255;

    public ActivationQuant {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("activation scale must be finite and > 0, was " + scale);
        }
        if (zeroPoint < QMIN || zeroPoint > QMAX) {
            throw new IllegalArgumentException("uint8 zero point must be in [0, 255], was " + zeroPoint);
        }
    }

    /**
     * Scale and zero point covering the range widened to include 0 (so that 0, Relu's floor and zero padding are
     * exact): scale = (max - min) / 255, zeroPoint = round(-min / scale).
     */
    public static ActivationQuant uint8Asymmetric(TensorRange range) {
        double lo = Math.min(range.min(), 0.0);
        double hi = Math.max(range.max(), 0.0);
        if (hi - lo < Float.MIN_NORMAL) {
            return new ActivationQuant(1.0f, 0); // an all-zero tensor: any scale represents it exactly
        }
        float scale = (float) ((hi - lo) / (QMAX - QMIN));
        int zeroPoint = (int) Math.rint(QMIN - lo / scale);
        return new ActivationQuant(scale, Math.max(QMIN, Math.min(QMAX, zeroPoint)));
    }

    /** QuantizeLinear: division by the float scale, rounding half to even (Math.rint), then saturation. */
    public int quantize(float x) {
        double q = Math.rint(x / scale) + zeroPoint;
        return (int) Math.max(QMIN, Math.min(QMAX, q));
    }

    public float dequantize(int q) {
        return (q - zeroPoint) * scale;
    }
}
