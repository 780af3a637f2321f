package org.eusedge.imaging.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eusedge.imaging.Box;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.PolygonRoi;
import org.eusedge.imaging.RoiValidator;
import org.junit.jupiter.api.Test;

class EusFrameSimulatorTest {

    /** Mean and SD of the frame's pixels where {@code in} is true. */
    static double[] meanSd(GreyImage f, boolean[] in) {
        double s = 0, sq = 0;
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            if (!in[i]) continue;
            int v = f.pixels()[i] & 0xff;
            s += v;
            sq += (double) v * v;
            n++;
        }
        double mean = s / n;
        return new double[] {mean, Math.sqrt(sq / n - mean * mean)};
    }

    /** Pixels within {@code width} px outside the mask (a ring around the lesion), by dilating with a square. */
    static boolean[] ring(boolean[] in, int w, int h, int width) {
        boolean[] out = new boolean[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (in[y * w + x]) continue;
                search:
                for (int dy = -width; dy <= width; dy++) {
                    for (int dx = -width; dx <= width; dx++) {
                        int xx = x + dx, yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h && in[yy * w + xx]) {
                            out[y * w + x] = true;
                            break search;
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void caseOutlineHasTheRequestedDiameterAndItsMaskIsItsRaster() {
        EusFrameSimulator sim = new EusFrameSimulator(42, 320, 240, 0.2);
        SimulatedCase c = sim.renderCase(LesionSpec.typical(true)); // 20 mm at 0.2 mm/px = 100 px
        assertEquals(100.0, c.roi().feretDiameterPx(), 1e-6);
        assertArrayEquals(c.roi().rasterize(320, 240), c.mask().inside());
        assertEquals(c.roi().areaPx(), c.mask().count(), 0.02 * c.roi().areaPx());
        RoiValidator.validate(c.roi(), 320, 240);
        RoiValidator.validate(c.mask(), 320, 240);
        assertEquals(0.2, c.pixelSpacingMm());
    }

    @Test
    void frameIsASectorWithBurnedInLabels() {
        EusFrameSimulator sim = new EusFrameSimulator(1, 320, 240);
        GreyImage f = sim.renderCase(LesionSpec.typical(true)).frame();
        assertEquals(0, f.at(0, 239));   // bottom corners lie outside the 110-degree sector
        assertEquals(0, f.at(319, 239));
        assertTrue(f.at(160, 150) > 0 || f.at(161, 150) > 0 || f.at(160, 151) > 0); // deep on the axis: tissue
        // the top-right corner holds the "SIMULATED" label in 235-grey text: count such pixels
        int text = 0;
        for (int y = 0; y < 20; y++) for (int x = 240; x < 320; x++) if (f.at(x, y) == 235) text++;
        assertTrue(text > 20, "label pixels: " + text);
        // 240 px sector radius ~ 231 px at 0.1 mm/px
        assertEquals(2.31, sim.depthCm(), 0.01);
    }

    @Test
    void hypoechoicLesionIsDarkerThanItsSurroundingsAndHyperechoicBrighter() {
        for (boolean hypo : new boolean[] {true, false}) {
            LesionSpec spec = new LesionSpec(true, 20, false, false, hypo, true, false, false);
            SimulatedCase c = new EusFrameSimulator(9, 320, 240, 0.2).renderCase(spec);
            double inside = meanSd(c.frame(), c.mask().inside())[0];
            double around = meanSd(c.frame(), ring(c.mask().inside(), 320, 240, 6))[0];
            if (hypo) assertTrue(inside < around - 15, inside + " vs " + around);
            else assertTrue(inside > around + 15, inside + " vs " + around);
        }
    }

    @Test
    void cysticAreasAndCalcificationsShowInsideTheLesion() {
        LesionSpec plain = new LesionSpec(false, 30, false, false, true, true, false, false);
        LesionSpec cystic = new LesionSpec(false, 30, false, false, true, true, false, true);
        LesionSpec calcified = new LesionSpec(false, 30, false, false, true, true, true, false);
        double[] darkShare = new double[2];
        int[] brightest = new int[2];
        for (int seed = 0; seed < 3; seed++) {
            SimulatedCase p = new EusFrameSimulator(seed, 320, 240, 0.2).renderCase(plain);
            SimulatedCase c = new EusFrameSimulator(seed, 320, 240, 0.2).renderCase(cystic);
            SimulatedCase k = new EusFrameSimulator(seed, 320, 240, 0.2).renderCase(calcified);
            darkShare[0] += share(p, v -> v < 25);
            darkShare[1] += share(c, v -> v < 25);
            brightest[0] = Math.max(brightest[0], max(p));
            brightest[1] = Math.max(brightest[1], max(k));
        }
        assertTrue(darkShare[1] > darkShare[0] + 0.03, "dark share " + darkShare[0] + " vs " + darkShare[1]);
        assertTrue(brightest[1] > 230 && brightest[1] > brightest[0] + 40, brightest[0] + " vs " + brightest[1]);
    }

    private static double share(SimulatedCase c, java.util.function.IntPredicate p) {
        boolean[] in = c.mask().inside();
        int n = 0, hit = 0;
        for (int i = 0; i < in.length; i++) {
            if (!in[i]) continue;
            n++;
            if (p.test(c.frame().pixels()[i] & 0xff)) hit++;
        }
        return (double) hit / n;
    }

    private static int max(SimulatedCase c) {
        boolean[] in = c.mask().inside();
        int m = 0;
        for (int i = 0; i < in.length; i++) if (in[i]) m = Math.max(m, c.frame().pixels()[i] & 0xff);
        return m;
    }

    @Test
    void classesDifferOnAverageInSizeOutlineAndTexture() {
        // 40 cohort rows drawn with Table 1's frequencies, rendered at 256 x 256
        List<SyntheticCohort.Row> rows = SyntheticCohort.rows(40, 2024);
        double[] areaMm2 = new double[2], deficit = new double[2], sd = new double[2];
        int[] n = new int[2];
        for (SyntheticCohort.Row row : rows) {
            SimulatedCase c = SyntheticCohort.render(row, 256, 256);
            int k = row.pnet() ? 1 : 0;
            double s = c.pixelSpacingMm();
            areaMm2[k] += c.roi().areaPx() * s * s;
            deficit[k] += 1 - c.roi().areaPx() / c.roi().convexHull().areaPx();
            sd[k] += meanSd(c.frame(), c.mask().inside())[1];
            n[k]++;
        }
        for (int k = 0; k < 2; k++) {
            areaMm2[k] /= n[k];
            deficit[k] /= n[k];
            sd[k] /= n[k];
        }
        String summary = "cancer/PNET area " + areaMm2[0] + "/" + areaMm2[1] + " deficit " + deficit[0] + "/"
                + deficit[1] + " sd " + sd[0] + "/" + sd[1];
        assertTrue(areaMm2[1] < areaMm2[0], summary);
        assertTrue(deficit[0] > 1.5 * deficit[1], summary);
        assertTrue(sd[0] > sd[1], summary);
    }

    @Test
    void sameSeedSameFramesOtherSeedOtherFrames() {
        LesionSpec spec = LesionSpec.typical(false);
        SimulatedCase a = new EusFrameSimulator(5, 256, 192, 0.25).renderCase(spec);
        SimulatedCase b = new EusFrameSimulator(5, 256, 192, 0.25).renderCase(spec);
        SimulatedCase c = new EusFrameSimulator(6, 256, 192, 0.25).renderCase(spec);
        assertArrayEquals(a.frame().pixels(), b.frame().pixels());
        assertEquals(a.roi(), b.roi());
        assertFalse(java.util.Arrays.equals(a.frame().pixels(), c.frame().pixels()));
    }

    @Test
    void liveFramesDriftSlowlyKeepTheLesionInViewAndDecorrelateSpeckle() {
        EusFrameSimulator sim = new EusFrameSimulator(77, 256, 192);
        GreyImage previous = null;
        PolygonRoi first = null;
        double[] prevCentre = null;
        for (int t = 0; t < 30; t++) {
            GreyImage f = sim.nextLiveFrame();
            PolygonRoi roi = sim.liveLesionRoi();
            assertNotNull(roi);
            RoiValidator.validate(roi, 256, 192);
            if (first == null) first = roi;
            Box b = roi.bounds();
            double[] centre = {(b.x0() + b.x1()) / 2.0, (b.y0() + b.y1()) / 2.0};
            Box b0 = first.bounds();
            assertEquals((b0.x0() + b0.x1()) / 2.0, centre[0], 2.0 * EusFrameSimulator.LIVE_DRIFT_PX + 1);
            if (prevCentre != null) {
                assertTrue(Math.abs(centre[0] - prevCentre[0]) <= 2 && Math.abs(centre[1] - prevCentre[1]) <= 2,
                        "the probe jumped at frame " + t);
            }
            if (previous != null) {
                double r = correlation(previous, f);
                assertTrue(r > 0.3 && r < 0.98, "frame-to-frame correlation " + r + " at " + t);
            }
            previous = f;
            prevCentre = centre;
        }
        assertNotNull(sim.liveLesionSpec());
    }

    private static double correlation(GreyImage a, GreyImage b) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = a.pixels().length;
        for (int i = 0; i < n; i++) {
            double x = a.pixels()[i] & 0xff, y = b.pixels()[i] & 0xff;
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n));
    }

    @Test
    void badSettingsAreRejectedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EusFrameSimulator(1, 32, 240));
        assertTrue(e.getMessage().contains("at least 64x64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EusFrameSimulator(1, 320, 240, 0));
        assertTrue(e.getMessage().contains("pixel spacing"), e.getMessage());
        EusFrameSimulator sim = new EusFrameSimulator(1, 128, 96, 0.1);
        LesionSpec huge = new LesionSpec(false, 60, true, true, true, false, false, false);
        e = assertThrows(IllegalArgumentException.class, () -> sim.renderCase(huge));
        assertTrue(e.getMessage().contains("does not fit") && e.getMessage().contains("larger pixel spacing"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LesionSpec(true, -3, false, false, true, true, false, false));
        assertTrue(e.getMessage().contains("diameter"), e.getMessage());
    }
}
