package org.eusedge.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Every DDTI image of the shared portion: its XML polygons, rasterised and OR-ed, against its provided mask; and the
 * freehand outlines the validator refuses as self-crossing, after {@link OutlineRepair}.
 */
class DdtiAllPolygonsTest {

    @Test
    void everyPolygonRasterisesToItsMaskAndValidates() throws Exception {
        Path root = SharedData.path("data/ddti-thyroid");
        List<String> lines = Files.readAllLines(root.resolve("manifest.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int imageId = header.indexOf("image_id"), maskPath = header.indexOf("mask_path");
        int xmlPath = header.indexOf("xml_path"), area = header.indexOf("mask_area_px");
        List<String> problems = new ArrayList<>();
        int crossing = 0;
        int images = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            int k = Integer.parseInt(f[imageId].substring(f[imageId].indexOf('_') + 1));
            MaskRoi mask = MaskRoi.read(root.resolve(f[maskPath]));
            assertEquals(Integer.parseInt(f[area]), mask.count(), f[imageId]);
            boolean[] ours = new boolean[mask.width() * mask.height()];
            for (PolygonRoi p : DdtiPolygons.of(root.resolve(f[xmlPath]), k)) {
                boolean[] r = p.rasterize(mask.width(), mask.height());
                for (int i = 0; i < r.length; i++) ours[i] |= r[i];
                try {
                    RoiValidator.validate(p, mask.width(), mask.height());
                } catch (InvalidRoiException e) {
                    if (e.rule() != InvalidRoiException.Rule.SELF_INTERSECTING) {
                        problems.add(f[imageId] + ": " + e.rule());
                        continue;
                    }
                    crossing++;
                    PolygonRoi fixed = OutlineRepair.removeSelfCrossings(p);
                    RoiValidator.validate(fixed, mask.width(), mask.height()); // throws if the repair failed
                    // the repair cuts off only the small overshoot loops
                    int before = count(p.rasterize(mask.width(), mask.height()));
                    int after = count(fixed.rasterize(mask.width(), mask.height()));
                    assertEquals(before, after, 0.05 * before, f[imageId] + " repaired area");
                }
            }
            boolean[] theirs = mask.inside();
            int disagree = 0;
            for (int i = 0; i < ours.length; i++) if (ours[i] != theirs[i]) disagree++;
            assertTrue(disagree <= 0.02 * mask.count(), f[imageId] + ": " + disagree + " of " + mask.count());
            images++;
        }
        assertEquals(254, images);
        // about a quarter of the freehand outlines overshoot their start; all are repaired above
        assertTrue(crossing > 0.1 * images, "self-crossing outlines: " + crossing);
        // the other refusals are genuine annotation defects (2-point "polygons", a point off the frame)
        assertTrue(problems.size() < 0.05 * images, problems.toString());
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean v : b) if (v) c++;
        return c;
    }
}
