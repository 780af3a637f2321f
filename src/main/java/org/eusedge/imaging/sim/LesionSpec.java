package org.eusedge.imaging.sim;

import java.util.Locale;
import java.util.Random;

/**
 * What a simulated lesion looks like, from its class and the clinical facts an operator records. How each fact shows
 * (a caricature of the EUS literature, for demos and tests only):
 * <ul>
 *   <li>diameterMm: the outline's maximum caliper diameter, through the simulator's pixel spacing;</li>
 *   <li>shapeIrregular: strong radial harmonics 3..8 in the outline; otherwise a near-ellipse;</li>
 *   <li>marginUnclear: the boundary blends into the surrounding tissue over ~12% of the radius; otherwise ~1 px;</li>
 *   <li>hypoechoic: darker than the parenchyma; otherwise brighter;</li>
 *   <li>uniform: a faint texture inside; otherwise a coarse heterogeneous one;</li>
 *   <li>calcification: one to three bright spots, each with an acoustic shadow behind it along the beam;</li>
 *   <li>cystic: one to three anechoic (dark) round areas inside.</li>
 * </ul>
 * The class itself adds a little on top (cancer: slightly rougher outline and texture), so images carry some signal
 * that the clinical columns do not.
 */
public record LesionSpec(boolean pnet, double diameterMm, boolean shapeIrregular, boolean marginUnclear,
                         boolean hypoechoic, boolean uniform, boolean calcification, boolean cystic) {

    public LesionSpec {
        if (!(diameterMm > 0) || Double.isInfinite(diameterMm)) {
            throw new IllegalArgumentException("lesion diameter must be a positive number of mm, got " + diameterMm);
        }
    }

    /** A textbook lesion of the class: PNET 20 mm, round, clear, uniform; cancer 35 mm, irregular, unclear, mixed. */
    public static LesionSpec typical(boolean pnet) {
        return pnet ? new LesionSpec(true, 20, false, false, true, true, false, false)
                : new LesionSpec(false, 35, true, true, true, false, false, false);
    }

    /** A lesion whose facts are drawn with the class's Table 1 frequencies (see {@link SyntheticCohort}). */
    public static LesionSpec draw(boolean pnet, Random rng) {
        CohortTable.ClassRow row = CohortTable.row(pnet);
        return new LesionSpec(pnet, CohortTable.drawDiameter(row, rng),
                rng.nextDouble() < row.shapeIrregular(), rng.nextDouble() < row.marginUnclear(),
                rng.nextDouble() < row.hypoechoic(), rng.nextDouble() < row.uniform(),
                rng.nextDouble() < row.calcification(), rng.nextDouble() < row.cystic());
    }

    public String className() {
        return pnet ? "PNET" : "cancer";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.1f mm%s%s%s%s%s%s", className(), diameterMm,
                shapeIrregular ? " irregular" : " regular", marginUnclear ? " unclear" : " clear",
                hypoechoic ? " hypo" : " non-hypo", uniform ? " uniform" : " heterogeneous",
                calcification ? " calcified" : "", cystic ? " cystic" : "");
    }
}
