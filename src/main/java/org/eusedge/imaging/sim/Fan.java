package org.eusedge.imaging.sim;

/**
 * The sector a curved-linear EUS probe images: apex at the top centre, beams spread over +-halfAngle from the
 * downward vertical, from radius rMin (the transducer face) to rMax (the depth setting).
 */
record Fan(double apexX, double apexY, double rMin, double rMax, double halfAngle) {

    /** A 110-degree sector as deep as the frame allows. */
    static Fan forFrame(int width, int height) {
        double apexY = Math.round(0.03 * height);
        double rMax = height - apexY - 2;
        return new Fan(width / 2.0, apexY, 0.07 * rMax, rMax, Math.toRadians(55));
    }

    double radius(double x, double y) {
        return Math.hypot(x - apexX, y - apexY);
    }

    /** Beam angle: 0 straight down, positive to the right. */
    double angle(double x, double y) {
        return Math.atan2(x - apexX, y - apexY);
    }

    boolean contains(double x, double y) {
        double r = radius(x, y);
        return r >= rMin && r <= rMax && Math.abs(angle(x, y)) <= halfAngle;
    }

    /** Whether (x, y) is inside with {@code margin} pixels to spare on every side. */
    boolean containsWithMargin(double x, double y, double margin) {
        double r = radius(x, y);
        return r >= rMin + margin && r <= rMax - margin && Math.abs(angle(x, y)) * r <= halfAngle * r - margin;
    }
}
