package org.eusedge.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class OutlineRepairTest {

    @Test
    void simpleOutlineComesBackUnchanged() {
        PolygonRoi square = new PolygonRoi(new double[] {10, 30, 30, 10}, new double[] {10, 10, 30, 30});
        assertSame(square, OutlineRepair.removeSelfCrossings(square));
    }

    @Test
    void figureEightKeepsItsLargerLobe() {
        // edge 0 (0,0)-(60,60) meets edge 2 (60,0)-(0,20) where x = 20 - x/3: P = (15, 15).
        // lobe P,(60,60),(60,0): area |45 * -15 - 45 * 45| / 2 = 1350; lobe P,(0,20),(0,0): 150.
        PolygonRoi eight = new PolygonRoi(new double[] {0, 60, 60, 0}, new double[] {0, 60, 0, 20});
        PolygonRoi fixed = OutlineRepair.removeSelfCrossings(eight);
        assertArrayEquals(new double[] {15, 60, 60}, fixed.xs(), 1e-9);
        assertArrayEquals(new double[] {15, 60, 0}, fixed.ys(), 1e-9);
        assertEquals(1350, fixed.areaPx(), 1e-9);
    }

    @Test
    void closingOvershootIsTrimmed() {
        // the last edges (8,20)-(20,6)-(10,10) overshoot the start; edge 4 crosses edge 0 (y = 10) at
        // 20 - 14 t = 10, t = 5/7, x = 8 + 12 * 5/7 = 16.5714; the main loop P,(50,10),(50,50),(10,50),(8,20) has
        // shoelace area 1607.1429 (the cut-off triangle P,(20,6),(10,10) is small)
        PolygonRoi drawn = new PolygonRoi(new double[] {10, 50, 50, 10, 8, 20}, new double[] {10, 10, 50, 50, 20, 6});
        InvalidRoiException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidRoiException.class,
                () -> RoiValidator.validate(drawn, 100, 100));
        assertEquals(InvalidRoiException.Rule.SELF_INTERSECTING, e.rule());
        PolygonRoi fixed = OutlineRepair.removeSelfCrossings(drawn);
        assertEquals(5, fixed.vertexCount());
        assertEquals(16.5714286, fixed.xs()[0], 1e-6);
        assertEquals(1607.1428571, fixed.areaPx(), 1e-6);
        assertDoesNotThrow(() -> RoiValidator.validate(fixed, 100, 100));
    }

    @Test
    void foldBackLosesItsTip() {
        // (0,0) -> (40,0) -> (20,0) runs back along itself; dropping (40,0) leaves the triangle (0,0),(20,0),(20,30)
        PolygonRoi spike = new PolygonRoi(new double[] {0, 40, 20, 20}, new double[] {0, 0, 0, 30});
        PolygonRoi fixed = OutlineRepair.removeSelfCrossings(spike);
        assertArrayEquals(new double[] {0, 20, 20}, fixed.xs(), 1e-12);
        assertEquals(300, fixed.areaPx(), 1e-12);
    }
}
