package org.eusedge.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoiJsonTest {

    @Test
    void parsesThePolygonForm() {
        Roi roi = RoiJson.parse("{\"polygon\": [[10, 20.5], [30, 20], [25, 40]], \"note\": \"ignored\"}");
        PolygonRoi p = assertInstanceOf(PolygonRoi.class, roi);
        assertArrayEquals(new double[] {10, 30, 25}, p.xs());
        assertArrayEquals(new double[] {20.5, 20, 40}, p.ys());
    }

    @Test
    void writesWhatItParses() {
        PolygonRoi p = new PolygonRoi(new double[] {1.25, 7, 3}, new double[] {2, 2, 9.5});
        String json = RoiJson.write(p);
        assertEquals("{\"polygon\":[[1.25,2.0],[7.0,2.0],[3.0,9.5]]}", json);
        assertEquals(p, RoiJson.parse(json));
    }

    @Test
    void badInputsSayWhatIsExpected() {
        String[][] cases = {
                {"{polygon: [", "not valid JSON"},
                {"[[1,2],[3,4]]", "must be an object"},
                {"{\"points\": [[1,2]]}", "no \"polygon\" array"},
                {"{\"polygon\": [[1,2],[3],[4,5]]}", "polygon point 1"},
                {"{\"polygon\": [[1,2],[\"a\",3],[4,5]]}", "pair of numbers"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoiJson.parse(c[0]));
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
