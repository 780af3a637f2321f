package org.eusedge.imaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eusedge.imaging.InvalidRoiException.Rule;
import org.junit.jupiter.api.Test;

class RoiValidatorTest {

    private static InvalidRoiException rejected(Roi roi, int w, int h) {
        return assertThrows(InvalidRoiException.class, () -> RoiValidator.validate(roi, w, h));
    }

    private static void assertMessage(InvalidRoiException e, Rule rule, String... parts) {
        assertEquals(rule, e.rule());
        assertTrue(e.getMessage().contains(rule.name()), e.getMessage());
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }

    @Test
    void aSimpleSquareInsideTheFramePasses() {
        assertDoesNotThrow(() -> RoiValidator.validate(
                new PolygonRoi(new double[] {10, 30, 30, 10}, new double[] {10, 10, 30, 30}), 100, 80));
    }

    @Test
    void twoVerticesAreTooFew() {
        InvalidRoiException e = rejected(new PolygonRoi(new double[] {1, 50}, new double[] {1, 50}), 100, 100);
        assertMessage(e, Rule.TOO_FEW_VERTICES, "has 2 vertices", "at least 3");
    }

    @Test
    void customRulesRaiseTheVertexMinimum() {
        PolygonRoi square = new PolygonRoi(new double[] {10, 30, 30, 10}, new double[] {10, 10, 30, 30});
        InvalidRoiException e = assertThrows(InvalidRoiException.class,
                () -> RoiValidator.validate(square, 100, 100, new RoiRules(5, 0)));
        assertMessage(e, Rule.TOO_FEW_VERTICES, "has 4 vertices", "at least 5");
    }

    @Test
    void nanCoordinateIsNotFinite() {
        InvalidRoiException e = rejected(
                new PolygonRoi(new double[] {10, Double.NaN, 30}, new double[] {10, 10, 30}), 100, 100);
        assertMessage(e, Rule.NOT_FINITE, "vertex 1", "NaN");
    }

    @Test
    void bowTieIsSelfIntersecting() {
        // edges 0 (0,0)-(40,40) and 2 (40,0)-(0,40) cross at (20,20)
        InvalidRoiException e = rejected(
                new PolygonRoi(new double[] {0, 40, 40, 0}, new double[] {0, 40, 0, 40}), 100, 100);
        assertMessage(e, Rule.SELF_INTERSECTING, "edge 0", "edge 2", "simple loop");
    }

    @Test
    void outlineThatDoublesBackOnItselfIsSelfIntersecting() {
        // (0,0) -> (40,0) -> (20,0): the second edge runs back along the first
        InvalidRoiException e = rejected(
                new PolygonRoi(new double[] {0, 40, 20, 20}, new double[] {0, 0, 0, 30}), 100, 100);
        assertEquals(Rule.SELF_INTERSECTING, e.rule());
    }

    @Test
    void repeatedConsecutiveVerticesAreTolerated() {
        assertDoesNotThrow(() -> RoiValidator.validate(new PolygonRoi(
                new double[] {10, 30, 30, 30, 10, 10}, new double[] {10, 10, 10, 30, 30, 10}), 100, 100));
    }

    @Test
    void tinyTriangleIsTooSmall() {
        // area 0.5 * 6 * 6 = 18 < 64
        InvalidRoiException e = rejected(new PolygonRoi(new double[] {10, 16, 10}, new double[] {10, 10, 16}), 100, 100);
        assertMessage(e, Rule.TOO_SMALL, "18.0 px^2", "64.0 px^2");
    }

    @Test
    void vertexPastTheRightEdgeIsOutsideTheFrame() {
        InvalidRoiException e = rejected(
                new PolygonRoi(new double[] {10, 120.5, 50}, new double[] {10, 20, 60}), 100, 80);
        assertMessage(e, Rule.OUTSIDE_FRAME, "vertex 1", "120.50", "100x80");
    }

    @Test
    void vertexOnTheFrameBorderIsInside() {
        assertDoesNotThrow(() -> RoiValidator.validate(
                new PolygonRoi(new double[] {0, 100, 100, 0}, new double[] {0, 0, 80, 80}), 100, 80));
    }

    @Test
    void emptyMaskIsRejected() {
        InvalidRoiException e = rejected(new MaskRoi(20, 10, new boolean[200]), 20, 10);
        assertMessage(e, Rule.EMPTY_MASK, "no foreground");
    }

    @Test
    void maskOfAnotherSizeIsRejected() {
        boolean[] in = new boolean[200];
        java.util.Arrays.fill(in, true);
        InvalidRoiException e = rejected(new MaskRoi(20, 10, in), 40, 10);
        assertMessage(e, Rule.MASK_SIZE_MISMATCH, "20x10", "40x10");
    }

    @Test
    void smallMaskIsTooSmall() {
        boolean[] in = new boolean[200];
        for (int i = 0; i < 10; i++) in[i] = true;
        InvalidRoiException e = rejected(new MaskRoi(20, 10, in), 20, 10);
        assertMessage(e, Rule.TOO_SMALL, "10 px", "64.0");
    }

    @Test
    void mismatchedCoordinateArraysAreRejectedAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PolygonRoi(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("3 x coordinates but 2 y"), e.getMessage());
    }
}
