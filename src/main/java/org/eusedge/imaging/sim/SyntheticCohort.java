package org.eusedge.imaging.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic PNET-vs-cancer cohort for demos and pipeline tests: {@code images/caseNNN.png},
 * {@code masks/caseNNN_mask.png} (grey 0 / 255) and {@code manifest.csv} with the columns
 * {@value #HEADER}; paths are relative to the manifest, every row has synthetic = 1.
 *
 * <p>The generating model follows the project's reference generator (shared reference/make_synthetic_cohort.py):
 * class sizes round(n * 115 / 266) PNET (label 1, the positive class) and the rest cancer (label 0), shuffled;
 * age ~ Normal per class (2 decimals); diameter ~ Normal per class truncated below at 5 mm (2 decimals); the binary
 * columns Bernoulli per class with Table 1's shares (gender 1 = male, location 1 = body/tail); a stratified 7:3
 * train/test split (round(0.3 * class size) test cases per class). It uses java.util.Random, so the draws are not the
 * reference script's numpy draws, only the same distributions. The image of each case is rendered from its row by
 * {@link EusFrameSimulator} at the finest pixel spacing of {@link #SPACINGS_MM} that fits the lesion in the sector
 * (as an operator deepens the view for a large mass). The same n and seed give byte-identical files.
 */
public final class SyntheticCohort {
    public static final String HEADER = "case_id,image_path,mask_path,label,label_name,split,age,gender,location,"
            + "diameter,shape_irregular,margin_unclear,hypoechoic,uniform,calcification,cystic,pixel_spacing_mm,synthetic";
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    static final double[] SPACINGS_MM = {0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6};

    private SyntheticCohort() {}

    /** One generated row (before its image is rendered). */
    public record Row(String caseId, boolean pnet, String split, double age, int gender, int location, double diameter,
                      boolean shapeIrregular, boolean marginUnclear, boolean hypoechoic, boolean uniform,
                      boolean calcification, boolean cystic, long imageSeed) {
        public LesionSpec lesion() {
            return new LesionSpec(pnet, diameter, shapeIrregular, marginUnclear, hypoechoic, uniform, calcification,
                    cystic);
        }
    }

    /** Writes n cases of 640 x 480 into dir; returns the manifest's path. */
    public static Path write(Path dir, int n, long seed) {
        return write(dir, n, seed, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public static Path write(Path dir, int n, long seed, int width, int height) {
        List<Row> rows = rows(n, seed);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        try {
            Files.createDirectories(dir.resolve("images"));
            Files.createDirectories(dir.resolve("masks"));
            for (Row row : rows) {
                SimulatedCase c = render(row, width, height);
                String image = "images/" + row.caseId() + ".png";
                String mask = "masks/" + row.caseId() + "_mask.png";
                c.frame().writePng(dir.resolve(image));
                maskImage(c).writePng(dir.resolve(mask));
                csv.append(String.join(",", row.caseId(), image, mask, row.pnet() ? "1" : "0",
                        row.pnet() ? "PNET" : "cancer", row.split(), fixed2(row.age()), bit(row.gender() == 1),
                        bit(row.location() == 1), fixed2(row.diameter()), bit(row.shapeIrregular()),
                        bit(row.marginUnclear()), bit(row.hypoechoic()), bit(row.uniform()),
                        bit(row.calcification()), bit(row.cystic()), plain(c.pixelSpacingMm()), "1")).append('\n');
            }
            Path manifest = dir.resolve("manifest.csv");
            Files.writeString(manifest, csv, StandardCharsets.UTF_8);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic cohort into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The cohort's rows, without images (the clinical table of {@link #write}). */
    public static List<Row> rows(int n, long seed) {
        if (n < 2) throw new IllegalArgumentException("a cohort needs at least 2 cases (one per class), got " + n);
        Random rng = new Random(seed);
        int nPnet = (int) Math.rint(n * 115.0 / 266.0); // rint: half to even, as Python's round()
        boolean[] pnet = new boolean[n];
        for (int i = 0; i < nPnet; i++) pnet[i] = true;
        shuffle(pnet, rng);

        double[] age = new double[n];
        double[] diameter = new double[n];
        boolean[][] bin = new boolean[8][n]; // gender, location, shape, margin, hypo, uniform, calc, cystic
        for (int cls = 0; cls <= 1; cls++) {
            CohortTable.ClassRow t = CohortTable.row(cls == 1);
            for (int i = 0; i < n; i++) if (pnet[i] == (cls == 1)) age[i] = t.ageMean() + t.ageSd() * rng.nextGaussian();
        }
        for (int cls = 0; cls <= 1; cls++) {
            CohortTable.ClassRow t = CohortTable.row(cls == 1);
            for (int i = 0; i < n; i++) if (pnet[i] == (cls == 1)) diameter[i] = CohortTable.drawDiameter(t, rng);
        }
        for (int c = 0; c < 8; c++) {
            for (int cls = 0; cls <= 1; cls++) {
                CohortTable.ClassRow t = CohortTable.row(cls == 1);
                double p = switch (c) {
                    case 0 -> t.male();
                    case 1 -> t.bodyTail();
                    case 2 -> t.shapeIrregular();
                    case 3 -> t.marginUnclear();
                    case 4 -> t.hypoechoic();
                    case 5 -> t.uniform();
                    case 6 -> t.calcification();
                    default -> t.cystic();
                };
                for (int i = 0; i < n; i++) if (pnet[i] == (cls == 1)) bin[c][i] = rng.nextDouble() < p;
            }
        }
        boolean[] test = stratifiedTest(pnet, rng);
        int digits = Math.max(3, String.valueOf(n).length());
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Row(String.format(Locale.ROOT, "case%0" + digits + "d", i + 1), pnet[i],
                    test[i] ? "test" : "train", round2(age[i]), bin[0][i] ? 1 : 0, bin[1][i] ? 1 : 0,
                    round2(diameter[i]), bin[2][i], bin[3][i], bin[4][i], bin[5][i], bin[6][i], bin[7][i],
                    rng.nextLong()));
        }
        return rows;
    }

    /**
     * Renders one row at the finest spacing whose sector holds the lesion: the steps of {@link #SPACINGS_MM}, then
     * (small frames only) coarser steps of 0.1 mm/px.
     */
    static SimulatedCase render(Row row, int width, int height) {
        for (int step = 0; step < SPACINGS_MM.length + 30; step++) {
            double spacing = step < SPACINGS_MM.length ? SPACINGS_MM[step]
                    : Math.round((SPACINGS_MM[SPACINGS_MM.length - 1] + 0.1 * (step - SPACINGS_MM.length + 1)) * 10)
                    / 10.0;
            EusFrameSimulator sim = new EusFrameSimulator(row.imageSeed(), width, height, spacing);
            if (row.diameter() > sim.maxComfortableDiameterMm()) continue;
            try {
                return sim.renderCase(row.lesion());
            } catch (IllegalArgumentException doesNotFit) {
                // try the next, coarser spacing
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s: a %.2f mm lesion does not fit a %dx%d frame at any pixel spacing up to 3.6 mm/px;"
                        + " use a larger frame", row.caseId(), row.diameter(), width, height));
    }

    private static org.eusedge.imaging.GreyImage maskImage(SimulatedCase c) {
        boolean[] in = c.mask().inside();
        byte[] px = new byte[in.length];
        for (int i = 0; i < in.length; i++) px[i] = in[i] ? (byte) 255 : 0;
        return new org.eusedge.imaging.GreyImage(c.mask().width(), c.mask().height(), px);
    }

    /** Per class: shuffle its cases and send round(0.3 * size) of them to test. */
    private static boolean[] stratifiedTest(boolean[] pnet, Random rng) {
        boolean[] test = new boolean[pnet.length];
        for (int cls = 0; cls <= 1; cls++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < pnet.length; i++) if (pnet[i] == (cls == 1)) idx.add(i);
            java.util.Collections.shuffle(idx, rng);
            int nTest = (int) Math.round(0.3 * idx.size());
            for (int k = 0; k < nTest; k++) test[idx.get(k)] = true;
        }
        return test;
    }

    private static void shuffle(boolean[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            boolean t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String fixed2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
