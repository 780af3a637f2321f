package org.eusedge.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Optimism-corrected calibration curve of a logistic model, as rms {@code calibrate(fit, method="boot", B)} with
 * its defaults: predy = 50 points from the 5th smallest to the 5th largest apparent prediction; at each predy the
 * lowess (iter=0) calibration of the apparent fit, minus the mean over bootstrap refits of (calibration on the
 * resample - calibration of the refit applied to the original cases). Resamples whose refit fails or does not
 * converge are skipped, as rms skips "divergence or singularity". The resampling uses Java's SplittableRandom,
 * so the bootstrap part cannot reproduce R's numbers exactly; the apparent part is deterministic.
 */
public final class BootstrapCalibration {
    public static final int PREDY_POINTS = 50;

    private BootstrapCalibration() {}

    /**
     * @param nSuccessful        per predy, the resamples that contributed (rms column n)
     * @param maeApparent        mean |predicted - apparent curve at predicted| (no bootstrap)
     * @param maeBoot            the same against the corrected curve (rms's "Mean absolute error"); predictions
     *                           outside the predy range are dropped, {@code nUsed} are kept
     */
    public record Result(double[] predy, double[] calibratedOrig, double[] calibratedCorrected, int[] nSuccessful,
                         int resamples, int failedResamples, double maeApparent, double maeBoot, double mseBoot,
                         double q90AbsErrorBoot, int nUsed) {
        public Result {
            predy = predy.clone();
            calibratedOrig = calibratedOrig.clone();
            calibratedCorrected = calibratedCorrected.clone();
            nSuccessful = nSuccessful.clone();
        }

        @Override public double[] predy() { return predy.clone(); }
        @Override public double[] calibratedOrig() { return calibratedOrig.clone(); }
        @Override public double[] calibratedCorrected() { return calibratedCorrected.clone(); }
        @Override public int[] nSuccessful() { return nSuccessful.clone(); }
    }

    /** Fits y ~ x (logistic), then bootstraps it {@code resamples} times with the given seed. */
    public static Result of(double[][] x, String[] names, int[] y, int resamples, long seed) {
        if (resamples < 1) throw new IllegalArgumentException("need at least 1 bootstrap resample, got " + resamples);
        LogisticFit fit = LogisticRegression.fit(x, y, names);
        if (!(fit instanceof LogisticFit.Fitted model)) {
            throw new IllegalArgumentException("cannot calibrate: the logistic regression failed ("
                    + ((LogisticFit.Failed) fit).reason() + ")");
        }
        int n = y.length;
        if (n < 11) throw new IllegalArgumentException("calibrate needs more than 10 cases, got " + n);
        double[] predicted = model.predictProbability(x);
        double[] sorted = predicted.clone();
        Arrays.sort(sorted);
        double[] predy = Interpolation.seq(sorted[4], sorted[n - 5], PREDY_POINTS);
        double[] orig = smoothAt(predicted, y, predy);

        double[] optimismSum = new double[PREDY_POINTS];
        int[] count = new int[PREDY_POINTS];
        int failed = 0;
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            double[][] xb = new double[n][];
            int[] yb = new int[n];
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                xb[i] = x[k];
                yb[i] = y[k];
            }
            LogisticFit refit = singleClass(yb) ? new LogisticFit.Failed("one class") : LogisticRegression.fit(xb, yb, names);
            if (!(refit instanceof LogisticFit.Fitted f) || !f.converged()) {
                failed++;
                continue;
            }
            double[] train = smoothAt(f.predictProbability(xb), yb, predy);
            double[] test = smoothAt(f.predictProbability(x), y, predy);
            for (int k = 0; k < PREDY_POINTS; k++) {
                double d = (train[k] - predy[k]) - (test[k] - predy[k]);
                if (!Double.isNaN(d)) {
                    optimismSum[k] += d;
                    count[k]++;
                }
            }
        }
        double[] corrected = new double[PREDY_POINTS];
        for (int k = 0; k < PREDY_POINTS; k++) corrected[k] = orig[k] - optimismSum[k] / count[k];

        double[] errApparent = errors(predicted, predy, orig);
        double[] errBoot = errors(predicted, predy, corrected);
        double sumAbs = 0, sumSq = 0;
        int used = 0;
        double[] abs = new double[errBoot.length];
        for (int i = 0; i < errBoot.length; i++) {
            abs[i] = Math.abs(errBoot[i]);
            if (Double.isNaN(errBoot[i])) continue;
            sumAbs += abs[i];
            sumSq += errBoot[i] * errBoot[i];
            used++;
        }
        return new Result(predy, orig, corrected, count, resamples, failed, meanAbs(errApparent), sumAbs / used,
                sumSq / used, Interpolation.quantile(abs, 0.9), used);
    }

    /** lowess(p, y, iter=0) read off at predy by linear interpolation; NaN outside the range of p. */
    private static double[] smoothAt(double[] p, int[] y, double[] predy) {
        Lowess sm = Lowess.smooth(p, Calibration.toDouble(y));
        return Interpolation.linearTiesMean(sm.x(), sm.y(), predy);
    }

    /** predicted - curve(predicted), the curve given on predy (points where it is NaN left out). */
    private static double[] errors(double[] predicted, double[] predy, double[] curve) {
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k < predy.length; k++) if (!Double.isNaN(curve[k])) pts.add(new double[] {predy[k], curve[k]});
        double[] px = pts.stream().mapToDouble(a -> a[0]).toArray();
        double[] py = pts.stream().mapToDouble(a -> a[1]).toArray();
        double[] at = Interpolation.linearTiesMean(px, py, predicted);
        double[] err = new double[predicted.length];
        for (int i = 0; i < err.length; i++) err[i] = predicted[i] - at[i];
        return err;
    }

    private static double meanAbs(double[] v) {
        double s = 0;
        int m = 0;
        for (double d : v) {
            if (Double.isNaN(d)) continue;
            s += Math.abs(d);
            m++;
        }
        return s / m;
    }

    private static boolean singleClass(int[] y) {
        for (int v : y) if (v != y[0]) return false;
        return true;
    }
}
