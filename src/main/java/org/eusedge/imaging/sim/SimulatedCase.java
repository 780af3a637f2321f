package org.eusedge.imaging.sim;

import java.util.Objects;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.MaskRoi;
import org.eusedge.imaging.PolygonRoi;

/**
 * One synthetic frame with its lesion: the outline, the mask (the outline rasterised at pixel centres) and the
 * spec it was drawn from. Synthetic: the frame carries a burned-in "SIMULATED" label.
 */
public record SimulatedCase(GreyImage frame, PolygonRoi roi, MaskRoi mask, LesionSpec spec, double pixelSpacingMm) {
    public SimulatedCase {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(roi, "roi");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(spec, "spec");
    }
}
