package org.eusedge.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of predicted probabilities against 0/1 outcomes (reference rule 10, train and test):
 * the smoothed errors of rms {@code val.prob} and sklearn's quantile-binned calibration curve.
 */
public final class Calibration {
    private Calibration() {}

    /**
     * rms val.prob's smoothed errors: er = |p - lowess(p, y, iter=0) interpolated at p|; Eavg = mean (the
     * "lowess MAE"), Emax = max, E90 = 0.9 quantile (type 7).
     */
    public record SmoothedError(double eavg, double emax, double e90, Lowess curve) {}

    /** sklearn calibration_curve(strategy='quantile'): non-empty bins only, in bin order. */
    public record Binned(double[] probPred, double[] probTrue, int[] counts, double maeBinned, double eceWeighted) {
        public Binned {
            probPred = probPred.clone();
            probTrue = probTrue.clone();
            counts = counts.clone();
        }

        @Override public double[] probPred() { return probPred.clone(); }
        @Override public double[] probTrue() { return probTrue.clone(); }
        @Override public int[] counts() { return counts.clone(); }
    }

    public static SmoothedError smoothedError(double[] p, int[] y) {
        checkProbabilities(p, y);
        Lowess sm = Lowess.smooth(p, toDouble(y));
        double[] calibrated = Interpolation.linearTiesMean(sm.x(), sm.y(), p);
        double[] er = new double[p.length];
        double sum = 0, max = 0;
        for (int i = 0; i < p.length; i++) {
            er[i] = Math.abs(p[i] - calibrated[i]);
            sum += er[i];
            max = Math.max(max, er[i]);
        }
        return new SmoothedError(sum / p.length, max, Interpolation.quantile(er, 0.9), sm);
    }

    /**
     * Quantile bins as sklearn 1.2: edges = linear percentiles 0, 100/bins, ..., 100 of p; a case goes to the
     * number of inner edges strictly below it; MAE is the unweighted mean over non-empty bins of
     * |observed - mean predicted|, ECE the bin-size weighted one.
     */
    public static Binned binned(double[] p, int[] y, int bins) {
        checkProbabilities(p, y);
        if (bins < 1) throw new IllegalArgumentException("need at least one bin, got " + bins);
        double[] inner = new double[bins - 1];
        for (int k = 1; k < bins; k++) inner[k - 1] = Interpolation.quantile(p, (double) k / bins);
        double[] sumP = new double[bins], sumY = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < p.length; i++) {
            int b = 0;
            while (b < inner.length && inner[b] < p[i]) b++;
            sumP[b] += p[i];
            sumY[b] += y[i];
            count[b]++;
        }
        List<double[]> rows = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) rows.add(new double[] {sumP[b] / count[b], sumY[b] / count[b], count[b]});
        }
        double[] pred = new double[rows.size()], obs = new double[rows.size()];
        int[] cnt = new int[rows.size()];
        double mae = 0, ece = 0;
        for (int k = 0; k < rows.size(); k++) {
            pred[k] = rows.get(k)[0];
            obs[k] = rows.get(k)[1];
            cnt[k] = (int) rows.get(k)[2];
            mae += Math.abs(obs[k] - pred[k]);
            ece += cnt[k] * Math.abs(obs[k] - pred[k]);
        }
        return new Binned(pred, obs, cnt, mae / rows.size(), ece / p.length);
    }

    /** Brier score: mean squared difference between probability and outcome. */
    public static double brier(double[] p, int[] y) {
        checkProbabilities(p, y);
        double s = 0;
        for (int i = 0; i < p.length; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
        return s / p.length;
    }

    /**
     * Logistic recalibration as val.prob: y ~ a + b logit(p), cases with p of exactly 0 or 1 left out. The
     * calibration intercept is the term {@value LogisticFit#INTERCEPT}, the slope the term {@code "logit"}.
     */
    public static LogisticFit recalibration(double[] p, int[] y) {
        checkProbabilities(p, y);
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0 && p[i] < 1) {
                rows.add(new double[] {Math.log(p[i] / (1 - p[i]))});
                labels.add(y[i]);
            }
        }
        return LogisticRegression.fit(rows.toArray(double[][]::new), labels.stream().mapToInt(Integer::intValue).toArray(),
                new String[] {"logit"});
    }

    static void checkProbabilities(double[] p, int[] y) {
        Inputs.scoresAndLabels(p, y, "predicted probability");
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || p[i] > 1) {
                throw new IllegalArgumentException("predicted probability[" + i + "] is " + p[i]
                        + ": calibration needs probabilities in [0, 1]");
            }
        }
    }

    static double[] toDouble(int[] y) {
        double[] d = new double[y.length];
        for (int i = 0; i < y.length; i++) d[i] = y[i];
        return d;
    }
}
