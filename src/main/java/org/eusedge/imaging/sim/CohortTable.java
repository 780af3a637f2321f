package org.eusedge.imaging.sim;

import java.util.Random;

/**
 * The published cohort's Table 1 (266 patients: 115 PNET, 151 pancreatic cancer), the numbers of the project's
 * reference generator (shared reference/make_synthetic_cohort.py): mean and SD of age and diameter, and the share
 * of the "1" code of each binary column (gender 1 = male, location 1 = body/tail).
 */
final class CohortTable {
    private CohortTable() {}

    record ClassRow(double ageMean, double ageSd, double diameterMean, double diameterSd, double male,
                    double bodyTail, double shapeIrregular, double marginUnclear, double hypoechoic, double uniform,
                    double calcification, double cystic) {}

    static final ClassRow CANCER = new ClassRow(58.90, 9.84, 36.39, 12.99, 1 - 0.4967, 0.5232, 0.7616, 0.4371,
            0.9669, 0.2318, 0.0795, 0.2583);
    static final ClassRow PNET = new ClassRow(47.50, 13.43, 23.98, 16.39, 1 - 0.6261, 0.5739, 0.3739, 0.1217,
            0.8696, 0.5304, 0.0174, 0.0870);

    /** Diameters below 5 mm are redrawn (a truncated normal, as the reference generator does). */
    static final double MIN_DIAMETER_MM = 5.0;

    static ClassRow row(boolean pnet) {
        return pnet ? PNET : CANCER;
    }

    static double drawDiameter(ClassRow row, Random rng) {
        double d;
        do {
            d = row.diameterMean() + row.diameterSd() * rng.nextGaussian();
        } while (d < MIN_DIAMETER_MM);
        return d;
    }
}
