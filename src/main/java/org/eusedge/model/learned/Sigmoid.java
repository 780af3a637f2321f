package org.eusedge.model.learned;

/** The logistic function, computed without overflow for large |t|. */
final class Sigmoid {
    private Sigmoid() {}

    static double of(double t) {
        if (t >= 0) return 1.0 / (1.0 + Math.exp(-t));
        double e = Math.exp(t);
        return e / (1.0 + e);
    }
}
