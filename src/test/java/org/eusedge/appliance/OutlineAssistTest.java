package org.eusedge.appliance;

import org.eusedge.imaging.Box;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.InvalidRoiException;
import org.eusedge.imaging.PolygonRoi;
import org.eusedge.imaging.RoiValidator;
import org.eusedge.imaging.sim.EusFrameSimulator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class OutlineAssistTest {

    /** Intersection over union of two outlines' pixel masks. */
    public static double iou(PolygonRoi a, PolygonRoi b, int w, int h) {
        boolean[] ma = a.rasterize(w, h), mb = b.rasterize(w, h);
        int inter = 0, union = 0;
        for (int i = 0; i < ma.length; i++) {
            if (ma[i] && mb[i]) inter++;
            if (ma[i] || mb[i]) union++;
        }
        return inter / (double) union;
    }

    /**
     * On the simulator's live lesions with a clear margin (seeds 11-18 give five), a box with some tissue around the
     * lesion yields an outline that overlaps the true one by IoU > 0.75. Lesions with an unclear margin are the
     * operator's to draw: the assist is only a proposal.
     */
    @Test
    void aBoxAroundALesionWithAClearMarginGivesAnOutlineCloseToTheTrueOne() {
        int clear = 0;
        for (long seed = 11; seed <= 18; seed++) {
            EusFrameSimulator sim = new EusFrameSimulator(seed, 480, 360, 0.25);
            GreyImage frame = sim.nextLiveFrame();
            if (sim.liveLesionSpec().marginUnclear()) continue;
            clear++;
            PolygonRoi truth = sim.liveLesionRoi();
            Box b = truth.bounds();
            int margin = Math.max(6, b.width() / 8);
            PolygonRoi proposed = OutlineAssist.grabCut(frame, new Box(b.x0() - margin, b.y0() - margin, b.x1() + margin, b.y1() + margin));
            RoiValidator.validate(proposed, 480, 360);
            double iou = iou(proposed, truth, 480, 360);
            assertTrue(iou > 0.75, "seed " + seed + " " + sim.liveLesionSpec() + ": IoU " + iou);
        }
        assertEquals(5, clear);
    }

    @Test
    void aBoxTooSmallIsRefused() {
        GreyImage frame = new EusFrameSimulator(1, 480, 360, 0.25).nextLiveFrame();
        var e = assertThrows(InvalidRoiException.class, () -> OutlineAssist.grabCut(frame, new Box(10, 10, 14, 40)));
        assertTrue(e.getMessage().contains("less than 8x8"), e.getMessage());
    }
}
