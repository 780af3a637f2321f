package org.eusedge.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The nomogram of reference rule 9: a logistic regression of the label on the signatures, drawn the way rms
 * {@code nomogram(lrm(...), fun=plogis)} draws it with its defaults (maxscale 100, nint 10). Each predictor's axis
 * runs over {@code pretty(range(x), 10)} of the full training range (rms datadist "Low"/"High",
 * type.range="full"), or over its distinct values when it has at most 10 of them (datadist n.unique). Points
 * of a predictor are sc * (beta x - min over its axis of beta x) with sc = 100 / the largest axis range of
 * beta x; the probability of a total is plogis(lp0 + total / sc). rms is R-only, hence this port.
 */
public final class NomogramFit {
    public static final double MAX_SCALE = 100;
    public static final int AXIS_INTERVALS = 10;
    /** datadist keeps the distinct values of a variable with at most this many. */
    public static final int DISCRETE_MAX_VALUES = 10;

    private NomogramFit() {}

    /** One predictor's axis: tick values, their points, and the extremes of beta x over the axis. */
    public record Axis(String predictor, double beta, double[] values, double[] points, double pointsPerUnit,
                       double axisMinXbeta, double axisMaxXbeta) {
        public Axis {
            values = values.clone();
            points = points.clone();
        }

        @Override public double[] values() { return values.clone(); }
        @Override public double[] points() { return points.clone(); }
        @Override public boolean equals(Object o) {
            return o instanceof Axis a && predictor.equals(a.predictor) && beta == a.beta
                    && Arrays.equals(values, a.values) && Arrays.equals(points, a.points);
        }
        @Override public int hashCode() { return predictor.hashCode() * 31 + Arrays.hashCode(values); }
        @Override public String toString() {
            return "Axis[" + predictor + ", beta=" + beta + ", values=" + Arrays.toString(values) + "]";
        }
    }

    /**
     * lrm's summary statistics of the fit on its training cases: likelihood-ratio chi-square against the
     * intercept-only model with its degrees of freedom and p, C (= AUC of the fitted probabilities), Somers'
     * Dxy = 2C - 1, Nagelkerke R2 and the Brier score.
     */
    public record Stats(double modelLr, int df, double p, double c, double dxy, double r2, double brier) {}

    /**
     * A fitted nomogram. {@code riskTicks}/{@code riskTickTotalPoints}: the default Risk axis of rms (ticks from
     * pretty() of the probability range, placed by rms's own 1000-point inverse interpolation).
     */
    public record Nomogram(LogisticFit.Fitted model, Stats stats, List<Axis> axes, double pointsPerLpUnit,
                           double lpAtZeroTotalPoints, double[] riskTicks, double[] riskTickTotalPoints) {
        public Nomogram {
            axes = List.copyOf(axes);
            riskTicks = riskTicks.clone();
            riskTickTotalPoints = riskTickTotalPoints.clone();
        }

        @Override public double[] riskTicks() { return riskTicks.clone(); }
        @Override public double[] riskTickTotalPoints() { return riskTickTotalPoints.clone(); }

        public Axis axis(String predictor) {
            for (Axis a : axes) if (a.predictor().equals(predictor)) return a;
            throw new IllegalArgumentException("no predictor '" + predictor + "' in this nomogram; predictors are "
                    + axes.stream().map(Axis::predictor).toList());
        }

        /** Points of one predictor value: sc * (beta x - axis minimum of beta x). */
        public double points(String predictor, double x) {
            Axis a = axis(predictor);
            if (!Double.isFinite(x)) throw new IllegalArgumentException(predictor + " value is " + x);
            return pointsPerLpUnit * (a.beta() * x - a.axisMinXbeta());
        }

        /** Total points of one case; x in the order of {@link #axes()}. */
        public double totalPoints(double... x) {
            if (x.length != axes.size()) {
                throw new IllegalArgumentException("expected " + axes.size() + " values "
                        + axes.stream().map(Axis::predictor).toList() + ", got " + x.length);
            }
            double total = 0;
            for (int j = 0; j < x.length; j++) total += points(axes.get(j).predictor(), x[j]);
            return total;
        }

        public double probabilityOfTotalPoints(double totalPoints) {
            return LogisticRegression.logistic(lpAtZeroTotalPoints + totalPoints / pointsPerLpUnit);
        }

        /** Probability of one case (equals the logistic model's fitted probability). */
        public double probability(double... x) {
            return probabilityOfTotalPoints(totalPoints(x));
        }

        /** Totals 0, step, ... up to the maximum attainable total rounded up to a multiple of step. */
        public double[] totalPointsGrid(double step) {
            if (!(step > 0)) throw new IllegalArgumentException("step must be positive, got " + step);
            double max = 0;
            for (Axis a : axes) max += Arrays.stream(a.points).max().orElse(0);
            int k = (int) Math.ceil(max / step);
            double[] grid = new double[k + 1];
            for (int i = 0; i <= k; i++) grid[i] = i * step;
            return grid;
        }
    }

    /** The paper's nomogram: label ~ DL_sig + Clinic_sig. */
    public static Nomogram fit(double[] dlSig, double[] clinicSig, int[] y) {
        Inputs.scoresAndLabels(dlSig, y, "DL_sig");
        Inputs.scoresAndLabels(clinicSig, y, "Clinic_sig");
        double[][] x = new double[y.length][];
        for (int i = 0; i < y.length; i++) x[i] = new double[] {dlSig[i], clinicSig[i]};
        return fit(x, new String[] {"DL_sig", "Clinic_sig"}, y);
    }

    /** Nomogram of label ~ x (x[i] = case i, columns named by names), fitted on training rows. */
    public static Nomogram fit(double[][] x, String[] names, int[] y) {
        LogisticFit fit = LogisticRegression.fit(x, y, names);
        if (!(fit instanceof LogisticFit.Fitted model)) {
            throw new IllegalArgumentException("cannot build the nomogram: its logistic regression failed ("
                    + ((LogisticFit.Failed) fit).reason() + ")");
        }
        double[] beta = model.coefficients();
        int p = names.length;
        double[][] axisValues = new double[p][];
        double[] minXb = new double[p];
        double[] maxXb = new double[p];
        double widest = 0;
        for (int j = 0; j < p; j++) {
            double[] column = new double[x.length];
            for (int i = 0; i < x.length; i++) column[i] = x[i][j];
            axisValues[j] = axisValues(column);
            minXb[j] = Double.POSITIVE_INFINITY;
            maxXb[j] = Double.NEGATIVE_INFINITY;
            for (double v : axisValues[j]) {
                minXb[j] = Math.min(minXb[j], beta[j + 1] * v);
                maxXb[j] = Math.max(maxXb[j], beta[j + 1] * v);
            }
            widest = Math.max(widest, maxXb[j] - minXb[j]);
        }
        double sc = MAX_SCALE / widest;
        double lp0 = beta[0];
        List<Axis> axes = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            lp0 += minXb[j];
            double[] pts = new double[axisValues[j].length];
            for (int k = 0; k < pts.length; k++) pts[k] = (beta[j + 1] * axisValues[j][k] - minXb[j]) * sc;
            axes.add(new Axis(names[j], beta[j + 1], axisValues[j], pts, Math.abs(beta[j + 1]) * sc, minXb[j], maxXb[j]));
        }
        double[][] risk = riskAxis(model.linearPredictor(x), lp0, sc);
        return new Nomogram(model, stats(model, model.predictProbability(x), y), axes, sc, lp0, risk[0], risk[1]);
    }

    private static Stats stats(LogisticFit.Fitted model, double[] fitted, int[] y) {
        int n = y.length, events = 0;
        for (int v : y) events += v;
        double prevalence = (double) events / n;
        double ll0 = events * Math.log(prevalence) + (n - events) * Math.log(1 - prevalence);
        double lr = 2 * (model.logLikelihood() - ll0);
        int df = model.terms().size() - 1;
        double p = 1 - new org.apache.commons.math3.distribution.ChiSquaredDistribution(null, df).cumulativeProbability(lr);
        double c = Auc.of(fitted, y);
        double r2 = (1 - Math.exp(-lr / n)) / (1 - Math.exp(2 * ll0 / n));
        return new Stats(lr, df, p, c, 2 * c - 1, r2, Calibration.brier(fitted, y));
    }

    private static double[] axisValues(double[] column) {
        double[] distinct = Arrays.stream(column).sorted().distinct().toArray();
        if (distinct.length < 2) {
            throw new IllegalArgumentException("a nomogram predictor is constant (" + distinct[0] + "): it has no axis");
        }
        if (distinct.length <= DISCRETE_MAX_VALUES) return distinct;
        return Pretty.of(distinct[0], distinct[distinct.length - 1], AXIS_INTERVALS);
    }

    /**
     * rms's Risk axis: lp.at = pretty(range(training lp)), ticks = pretty(plogis(range(lp.at))), each tick's lp
     * found by linear interpolation of plogis on 1000 points (ticks outside that range are dropped), then
     * placed at (lp - lp0) * sc total points.
     */
    private static double[][] riskAxis(double[] trainLp, double lp0, double sc) {
        double[] lpAt = Pretty.of(Arrays.stream(trainLp).min().orElseThrow(), Arrays.stream(trainLp).max().orElseThrow(),
                AXIS_INTERVALS);
        double lpMin = lpAt[0], lpMax = lpAt[lpAt.length - 1];
        double[] ticks = Pretty.of(LogisticRegression.logistic(lpMin), LogisticRegression.logistic(lpMax), AXIS_INTERVALS);
        double[] xseq = Interpolation.seq(lpMin, lpMax, 1000);
        double[] fu = new double[xseq.length];
        for (int i = 0; i < fu.length; i++) fu[i] = LogisticRegression.logistic(xseq[i]);
        double[] inverse = Interpolation.linearTiesMean(fu, xseq, ticks);
        List<double[]> kept = new ArrayList<>();
        for (int k = 0; k < ticks.length; k++) {
            if (!Double.isNaN(inverse[k])) kept.add(new double[] {ticks[k], (inverse[k] - lp0) * sc});
        }
        double[][] out = new double[2][kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            out[0][k] = kept.get(k)[0];
            out[1][k] = kept.get(k)[1];
        }
        return out;
    }
}
