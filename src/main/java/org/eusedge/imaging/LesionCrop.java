package org.eusedge.imaging;

import java.util.Objects;

/**
 * Cuts the network input for one lesion out of a frame. The trainer and the appliance both call this one function,
 * so the numbers a model bundle was validated with are the numbers the cart computes. It is deterministic: plain
 * double arithmetic, no threads, no platform code.
 *
 * <p>The steps, for a frame F, an ROI and a {@link CropSpec} (margin fraction f, input size S, mean, std):
 * <ol>
 *   <li>The ROI is checked with {@link RoiValidator} (default {@link RoiRules} unless given); an invalid one throws
 *       {@link InvalidRoiException}.</li>
 *   <li>Box: the ROI's bounds (x0, y0, x1, y1), half-open, w = x1 - x0, h = y1 - y0, L = max(w, h). The margin is
 *       m = round(f * L) pixels (Math.round) on each side, and the crop is the square of side L + 2m around the
 *       box's centre: X0 = x0 - m - floor((L - w) / 2), Y0 = y0 - m - floor((L - h) / 2) (an odd leftover pixel goes
 *       right / down). A square keeps the lesion's shape: stretching a long box to a square input would distort
 *       exactly what the network looks at.</li>
 *   <li>The square is read from the frame; pixels outside the frame are 0 (the square is not shifted or shrunk,
 *       so a lesion at the border keeps its place and scale). In MASKED mode pixels whose centre is outside the ROI
 *       (its {@link Roi#rasterize}) are 0 too.</li>
 *   <li>Resize to S x S with {@link BilinearResize} (half-pixel centres, the OpenCV INTER_LINEAR convention:
 *       src = (dst + 0.5) * side / S - 0.5, clamped to [0, side - 1]).</li>
 *   <li>Grey to 3 identical channels; channel c value = (v / 255 - mean[c]) / std[c], in double, stored as float.</li>
 *   <li>Output is CHW: {@code chw[c * S * S + y * S + x]}, length 3 * S * S, ready for a 1x3xSxS tensor.</li>
 * </ol>
 */
public final class LesionCrop {
    private LesionCrop() {}

    /** The network input (CHW floats) and the square box it was cut from, in frame pixels (may pass the border). */
    public record Result(float[] chw, Box box) {
        public Result {
            Objects.requireNonNull(chw, "chw");
            Objects.requireNonNull(box, "box");
        }
    }

    /** Crops with the default {@link RoiRules}. */
    public static Result crop(GreyImage frame, Roi roi, CropSpec spec) {
        return crop(frame, roi, spec, RoiRules.defaults());
    }

    /** Crops after validating the ROI against the given rules. */
    public static Result crop(GreyImage frame, Roi roi, CropSpec spec, RoiRules rules) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(roi, "roi");
        Objects.requireNonNull(spec, "spec");
        int fw = frame.width();
        int fh = frame.height();
        RoiValidator.validate(roi, fw, fh, rules);

        Box box = squareBox(roi.bounds(), spec.marginFraction());
        int side = box.width();
        boolean[] keep = spec.mode() == CropSpec.Mode.MASKED ? roi.rasterize(fw, fh) : null;
        byte[] px = frame.pixels();
        float[] patch = new float[side * side];
        for (int py = 0; py < side; py++) {
            int y = box.y0() + py;
            if (y < 0 || y >= fh) continue;
            for (int pxi = 0; pxi < side; pxi++) {
                int x = box.x0() + pxi;
                if (x < 0 || x >= fw) continue;
                int idx = y * fw + x;
                if (keep != null && !keep[idx]) continue;
                patch[py * side + pxi] = px[idx] & 0xff;
            }
        }

        int s = spec.inputSize();
        float[] resized = BilinearResize.resize(patch, side, side, s, s);
        float[] mean = spec.mean();
        float[] std = spec.std();
        int plane = s * s;
        float[] chw = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            double m = mean[c];
            double sd = std[c];
            for (int i = 0; i < plane; i++) {
                chw[c * plane + i] = (float) ((resized[i] / 255.0 - m) / sd);
            }
        }
        return new Result(chw, box);
    }

    /** Step 2 of the class comment: the ROI box grown by the margin and made square around its centre. */
    public static Box squareBox(Box bounds, double marginFraction) {
        Objects.requireNonNull(bounds, "bounds");
        if (bounds.isEmpty()) {
            throw new InvalidRoiException(InvalidRoiException.Rule.TOO_SMALL, "the ROI's bounding box " + bounds
                    + " is empty; outline the lesion");
        }
        int w = bounds.width();
        int h = bounds.height();
        int longer = Math.max(w, h);
        int margin = (int) Math.round(marginFraction * longer);
        int side = longer + 2 * margin;
        int x0 = bounds.x0() - margin - Math.floorDiv(longer - w, 2);
        int y0 = bounds.y0() - margin - Math.floorDiv(longer - h, 2);
        return new Box(x0, y0, x0 + side, y0 + side);
    }
}
