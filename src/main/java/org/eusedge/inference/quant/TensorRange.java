package org.eusedge.inference.quant;

/** A calibrated real-valued range [min, max] of one activation tensor. */
public record TensorRange(float min, float max) {
    public TensorRange {
        if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
            throw new IllegalArgumentException("invalid activation range [" + min + ", " + max
                    + "]: both ends must be finite and min <= max");
        }
    }
}
