package org.eusedge.imaging.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.MaskRoi;
import org.eusedge.imaging.RoiValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCohortTest {

    @TempDir
    Path tmp;

    @Test
    void fullSizeCohortHasThePapersClassSizesAndSplit() {
        List<SyntheticCohort.Row> rows = SyntheticCohort.rows(266, 1);
        long pnet = rows.stream().filter(SyntheticCohort.Row::pnet).count();
        assertEquals(115, pnet);
        assertEquals(151, rows.size() - pnet);
        // round(0.3 * 115) = 35 (34.5 rounds up) and round(0.3 * 151) = 45 test cases: 80 test, 186 train
        assertEquals(35, rows.stream().filter(r -> r.pnet() && r.split().equals("test")).count());
        assertEquals(45, rows.stream().filter(r -> !r.pnet() && r.split().equals("test")).count());
        // half-to-even like Python's round(): 133 * 115 / 266 = 57.5 -> 58
        assertEquals(58, SyntheticCohort.rows(133, 1).stream().filter(SyntheticCohort.Row::pnet).count());
    }

    @Test
    void largeSampleMatchesTableOne() {
        List<SyntheticCohort.Row> rows = SyntheticCohort.rows(40_000, 3);
        for (boolean pnet : new boolean[] {true, false}) {
            List<SyntheticCohort.Row> cls = rows.stream().filter(r -> r.pnet() == pnet).toList();
            double n = cls.size();
            double age = cls.stream().mapToDouble(SyntheticCohort.Row::age).sum() / n;
            double diam = cls.stream().mapToDouble(SyntheticCohort.Row::diameter).sum() / n;
            double minDiam = cls.stream().mapToDouble(SyntheticCohort.Row::diameter).min().orElseThrow();
            double male = cls.stream().filter(r -> r.gender() == 1).count() / n;
            double irregular = cls.stream().filter(SyntheticCohort.Row::shapeIrregular).count() / n;
            double cystic = cls.stream().filter(SyntheticCohort.Row::cystic).count() / n;
            // Table 1: PNET age 47.50 (13.43), diameter 23.98 (16.39), female 62.61%, irregular 37.39%, cystic 8.70%;
            //          cancer age 58.90 (9.84), diameter 36.39 (12.99), female 49.67%, irregular 76.16%, cystic 25.83%
            double mu = pnet ? 23.98 : 36.39, sd = pnet ? 16.39 : 12.99;
            // mean of a normal truncated below at 5 mm: mu + sd * phi(a) / (1 - Phi(a)), a = (5 - mu) / sd
            NormalDistribution z = new NormalDistribution();
            double a = (5 - mu) / sd;
            double truncatedMean = mu + sd * z.density(a) / (1 - z.cumulativeProbability(a));
            assertEquals(pnet ? 47.50 : 58.90, age, 0.4);
            assertEquals(truncatedMean, diam, 0.4);
            assertTrue(minDiam >= 5.0, "min diameter " + minDiam);
            assertEquals(pnet ? 1 - 0.6261 : 1 - 0.4967, male, 0.015);
            assertEquals(pnet ? 0.3739 : 0.7616, irregular, 0.015);
            assertEquals(pnet ? 0.0870 : 0.2583, cystic, 0.015);
        }
    }

    @Test
    void writesImagesMasksAndManifestThatAgree() throws Exception {
        Path manifest = SyntheticCohort.write(tmp.resolve("c"), 8, 99, 320, 240);
        List<String> lines = Files.readAllLines(manifest);
        assertEquals("case_id,image_path,mask_path,label,label_name,split,age,gender,location,diameter,"
                + "shape_irregular,margin_unclear,hypoechoic,uniform,calcification,cystic,pixel_spacing_mm,synthetic",
                lines.get(0));
        assertEquals(9, lines.size());
        // rint(8 * 115 / 266 = 3.46) = 3 PNET, 5 cancer; test round(0.9) = 1 + round(1.5) = 2
        assertEquals(3, lines.stream().skip(1).filter(l -> l.split(",")[3].equals("1")).count());
        assertEquals(3, lines.stream().skip(1).filter(l -> l.split(",")[5].equals("test")).count());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(18, f.length, line);
            assertEquals(f[3].equals("1") ? "PNET" : "cancer", f[4]);
            assertEquals("1", f[17]);
            GreyImage image = GreyImage.read(manifest.getParent().resolve(f[1]));
            MaskRoi mask = MaskRoi.read(manifest.getParent().resolve(f[2]));
            assertEquals(320, image.width());
            RoiValidator.validate(mask, image.width(), image.height());
            double spacing = Double.parseDouble(f[16]);
            double diameter = Double.parseDouble(f[9]);
            // the mask's caliper diameter (pixel squares) is the outline's, give or take a pixel
            assertEquals(diameter, mask.feretDiameterPx() * spacing, 1.5 * spacing + 0.01 * diameter, line);
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFiles() throws Exception {
        Path a = SyntheticCohort.write(tmp.resolve("a"), 4, 7, 256, 192).getParent();
        Path b = SyntheticCohort.write(tmp.resolve("b"), 4, 7, 256, 192).getParent();
        Path c = SyntheticCohort.write(tmp.resolve("c"), 4, 8, 256, 192).getParent();
        List<Path> files;
        try (Stream<Path> s = Files.walk(a)) {
            files = s.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        assertEquals(9, files.size()); // 4 images, 4 masks, the manifest
        for (Path f : files) assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
        assertTrue(!Files.readString(a.resolve("manifest.csv")).equals(Files.readString(c.resolve("manifest.csv"))));
    }

    @Test
    void tooSmallCohortIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticCohort.rows(1, 1));
        assertTrue(e.getMessage().contains("at least 2 cases"), e.getMessage());
    }
}
