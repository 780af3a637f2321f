package org.eusedge.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;

class RoiGeometryTest {

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean v : b) if (v) c++;
        return c;
    }

    @Test
    void rectangleRasterisesToThePixelsWhoseCentresItHolds() {
        // x from 1 to 4, y from 1 to 3: centres 1.5, 2.5, 3.5 across and 1.5, 2.5 down -> 3 x 2 pixels
        PolygonRoi r = new PolygonRoi(new double[] {1, 4, 4, 1}, new double[] {1, 1, 3, 3});
        boolean[] in = r.rasterize(6, 5);
        assertEquals(6, count(in));
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                boolean expected = x >= 1 && x <= 3 && y >= 1 && y <= 2;
                assertEquals(expected, in[y * 6 + x], "pixel " + x + "," + y);
            }
        }
        assertEquals(6.0, r.areaPx(), 1e-12);
        assertEquals(new Box(1, 1, 4, 3), r.bounds());
        assertEquals(Math.sqrt(13), r.feretDiameterPx(), 1e-12); // diagonal of 3 x 2
    }

    @Test
    void fractionalPolygonBoundsRoundOutwards() {
        PolygonRoi t = new PolygonRoi(new double[] {2.3, 9.7, 5.0}, new double[] {1.2, 1.2, 8.5});
        assertEquals(new Box(2, 1, 10, 9), t.bounds());
        assertEquals(0.5 * 7.4 * 7.3, t.areaPx(), 1e-9);
    }

    @Test
    void circleRasterAreaMatchesPiRSquared() {
        int n = 360;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 100 + 60 * Math.cos(2 * Math.PI * i / n);
            ys[i] = 90 + 60 * Math.sin(2 * Math.PI * i / n);
        }
        PolygonRoi c = new PolygonRoi(xs, ys);
        double pi60 = Math.PI * 60 * 60;
        assertEquals(pi60, count(c.rasterize(200, 200)), 0.005 * pi60);
        assertEquals(120, c.feretDiameterPx(), 0.01);
        // a convex polygon is its own hull
        assertEquals(c.areaPx(), c.convexHull().areaPx(), 1e-6);
    }

    @Test
    void hullOfAnLShapeAddsTheMissingCorner() {
        // L: 2x2 square minus its top-right 1x1 quarter -> area 3, hull area 3.5
        PolygonRoi l = new PolygonRoi(new double[] {0, 2, 2, 1, 1, 0}, new double[] {0, 0, 1, 1, 2, 2});
        assertEquals(3.0, l.areaPx(), 1e-12);
        assertEquals(3.5, l.convexHull().areaPx(), 1e-12);
        assertEquals(5, l.convexHull().vertexCount());
    }

    @Test
    void maskBoundsAreaAndFeret() {
        boolean[] in = new boolean[6 * 5];
        for (int y = 1; y <= 4; y++) for (int x = 2; x <= 4; x++) in[y * 6 + x] = true; // 3 wide, 4 tall
        MaskRoi m = new MaskRoi(6, 5, in);
        assertEquals(new Box(2, 1, 5, 5), m.bounds());
        assertEquals(12, m.areaPx());
        assertEquals(5.0, m.feretDiameterPx(), 1e-12); // corner to corner of the 3 x 4 block of pixel squares
        InvalidRoiException e = assertThrows(InvalidRoiException.class, () -> m.rasterize(7, 5));
        assertEquals(InvalidRoiException.Rule.MASK_SIZE_MISMATCH, e.rule());
    }

    @Test
    void ddtiPolygonRasterisesToItsProvidedMask() throws Exception {
        // manifest: ddti002 image 1, one polygon, mask_area_px 30957; ddti003 image 1, mask_area_px 7198
        for (String[] c : new String[][] {{"2", "2_1", "30957"}, {"3", "3_1", "7198"}}) {
            List<PolygonRoi> polys = DdtiPolygons.of(SharedData.path("data/ddti-thyroid/xml/" + c[0] + ".xml"), 1);
            assertEquals(1, polys.size());
            PolygonRoi p = polys.get(0);
            MaskRoi provided = MaskRoi.read(SharedData.path("data/ddti-thyroid/masks/" + c[1] + "_mask.png"));
            assertEquals(Integer.parseInt(c[2]), provided.count());
            boolean[] ours = p.rasterize(provided.width(), provided.height());
            boolean[] theirs = provided.inside();
            int disagree = 0;
            for (int i = 0; i < ours.length; i++) if (ours[i] != theirs[i]) disagree++;
            assertTrue(disagree <= 0.02 * provided.count(), c[1] + ": " + disagree + " pixels differ");
            assertEquals(provided.count(), count(ours), 0.02 * provided.count());
            assertEquals(provided.count(), p.areaPx(), 0.03 * provided.count()); // shoelace vs pixel count
            RoiValidator.validate(p, provided.width(), provided.height());
        }
    }
}
