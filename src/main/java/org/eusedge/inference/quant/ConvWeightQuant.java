package org.eusedge.inference.quant;

/**
 * The integer form of one convolution's constants: int8 weights, symmetric per output channel (axis 0,
 * scale = max|w| / 127, zero point 0), and an int32 bias with scale inputScale * weightScale[c], zero point 0.
 * That is the layout ORT's QLinearConv consumes directly.
 */
public record ConvWeightQuant(byte[] weights, float[] weightScales, int[] bias, float[] biasScales) {
    public static final int WEIGHT_QMAX = 127;

    /**
     * @param weights    the float weights in ONNX order [C_out, ...], flattened
     * @param channels   C_out
     * @param bias       the float bias [C_out], or null when the convolution has none
     * @param inputScale the scale of the uint8 input activation
     */
    public static ConvWeightQuant quantize(float[] weights, int channels, float[] bias, float inputScale) {
        if (channels <= 0 || weights.length % channels != 0) {
            throw new IllegalArgumentException("weight tensor of " + weights.length
                    + " values does not split into " + channels + " output channels");
        }
        if (bias != null && bias.length != channels) {
            throw new IllegalArgumentException("bias has " + bias.length + " values but the weights have "
                    + channels + " output channels");
        }
        int perChannel = weights.length / channels;
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            float maxAbs = 0;
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
            // An all-zero channel quantises to zeros with any scale; 1 keeps its bias scale equal to the input's.
            scales[c] = maxAbs > 0 ? maxAbs / WEIGHT_QMAX : 1.0f;
            if (bias != null) {
                // A bias too large for int32 at scale inputScale*w: widen the weight step so that it fits.
                double needed = Math.abs((double) bias[c]) / ((double) inputScale * Integer.MAX_VALUE);
                if (needed > scales[c]) scales[c] = (float) (needed * 1.000001);
            }
        }
        byte[] q = new byte[weights.length];
        for (int c = 0; c < channels; c++) {
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++) {
                double v = Math.rint(weights[i] / scales[c]);
                q[i] = (byte) Math.max(-WEIGHT_QMAX, Math.min(WEIGHT_QMAX, v));
            }
        }
        int[] qBias = null;
        float[] biasScales = new float[channels];
        for (int c = 0; c < channels; c++) biasScales[c] = inputScale * scales[c];
        if (bias != null) {
            qBias = new int[channels];
            for (int c = 0; c < channels; c++) {
                double v = Math.rint(bias[c] / biasScales[c]);
                qBias[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
            }
        }
        return new ConvWeightQuant(q, scales, qBias, biasScales);
    }
}
