package org.eusedge.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Clinical impact curve (Kerr et al.), reference rule 11: per 1000 patients, how many would be called high
 * risk (p >= pt) and how many of those have the event. Expected counts from the cohort, no bootstrap band.
 */
public final class ClinicalImpact {
    private ClinicalImpact() {}

    public record Point(double threshold, double nHighRisk, double nHighRiskWithEvent) {}

    public static List<Point> curve(double[] p, int[] y, double[] thresholds) {
        Inputs.scoresAndLabels(p, y, "predicted probability");
        DecisionCurve.checkThresholds(thresholds);
        int n = y.length;
        List<Point> out = new ArrayList<>(thresholds.length);
        for (double pt : thresholds) {
            int high = 0, withEvent = 0;
            for (int i = 0; i < n; i++) {
                if (p[i] >= pt) {
                    high++;
                    withEvent += y[i];
                }
            }
            out.add(new Point(pt, 1000.0 * high / n, 1000.0 * withEvent / n));
        }
        return List.copyOf(out);
    }
}
