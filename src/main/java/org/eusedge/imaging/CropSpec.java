package org.eusedge.imaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * How {@link LesionCrop} cuts the network input from a frame.
 *
 * @param mode           BOUNDING_BOX keeps the tissue around the lesion; MASKED blacks out pixels outside the ROI
 * @param marginFraction margin added on each side, as a fraction of the ROI box's larger side
 * @param inputSize      side of the square network input in pixels
 * @param mean           per-channel mean subtracted after scaling to [0, 1] (3 values: R, G, B)
 * @param std            per-channel standard deviation divided by (3 values, each > 0)
 */
public record CropSpec(Mode mode, double marginFraction, int inputSize, float[] mean, float[] std) {

    public enum Mode { BOUNDING_BOX, MASKED }

    public CropSpec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (!(marginFraction >= 0) || Double.isInfinite(marginFraction)) {
            throw new IllegalArgumentException("marginFraction must be a finite number >= 0, got " + marginFraction);
        }
        if (inputSize < 1) throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values each (R, G, B), got " + mean.length
                    + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("every std must be a finite number > 0, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** BOUNDING_BOX, margin 0.10, 224 x 224, ImageNet mean and std (what torchvision's ResNet18 was trained with). */
    public static CropSpec defaults() {
        return new CropSpec(Mode.BOUNDING_BOX, 0.10, 224,
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CropSpec c && c.mode == mode && Double.compare(c.marginFraction, marginFraction) == 0
                && c.inputSize == inputSize && Arrays.equals(c.mean, mean) && Arrays.equals(c.std, std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, marginFraction, inputSize, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "CropSpec[" + mode + ", margin " + marginFraction + ", " + inputSize + "px, mean "
                + Arrays.toString(mean) + ", std " + Arrays.toString(std) + "]";
    }
}
