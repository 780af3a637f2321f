package org.eusedge.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.model.Nomogram;
import org.eusedge.stats.Pretty;

/**
 * The nomogram as the UI draws it (rms style): a 0-100 points ruler, one axis per predictor with its ticks placed at
 * their points, a total-points axis and the probability ticks placed at the total points that give them. The UI
 * only maps points to pixels; all the model's arithmetic stays here.
 */
final class NomogramChart {
    static final double[] PROBABILITY_TICKS = {0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};

    private NomogramChart() {}

    static ObjectNode of(Nomogram n) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        ArrayNode axes = out.putArray("predictors");
        double maxTotal = 0;
        for (int i = 0; i < n.beta().length; i++) {
            double lo = n.axisMin()[i], hi = n.axisMax()[i];
            ObjectNode axis = axes.addObject();
            axis.put("name", n.predictors().get(i));
            axis.put("min", lo);
            axis.put("max", hi);
            ArrayNode ticks = axis.putArray("ticks");
            for (double t : Pretty.of(lo, hi, 5)) {
                if (t < lo - 1e-12 || t > hi + 1e-12) continue;
                ticks.addObject().put("value", t).put("points", pointsOf(n, i, t));
            }
            double most = Math.max(pointsOf(n, i, lo), pointsOf(n, i, hi));
            maxTotal += most;
        }
        out.put("max_total_points", maxTotal);
        ArrayNode probability = out.putArray("probability_ticks");
        for (double p : PROBABILITY_TICKS) {
            double total = totalPointsFor(n, p);
            if (total >= 0 && total <= maxTotal) probability.addObject().put("probability", p).put("total_points", total);
        }
        return out;
    }

    private static double pointsOf(Nomogram n, int i, double x) {
        double[] v = new double[n.beta().length];
        v[i] = x;
        return n.points(v)[i];
    }

    /** Inverse of {@link Nomogram#probabilityOfTotal}: total = (logit p - lp at zero points) * points per lp unit. */
    static double totalPointsFor(Nomogram n, double p) {
        return (Math.log(p / (1 - p)) - n.lpAtZeroPoints()) * n.pointsPerLpUnit();
    }
}
