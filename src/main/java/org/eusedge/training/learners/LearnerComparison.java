package org.eusedge.training.learners;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.eusedge.model.learned.ScoreModel;
import org.eusedge.stats.Auc;
import org.eusedge.stats.DeLong;

/**
 * Compares learners as the reference does (README rule 5): for each learner, fit on four of the five given folds and
 * score the fifth (fold AUCs, their mean and SD with ddof 1, the out-of-fold vector), then fit on all training rows
 * and score train (resubstitution) and test rows, with DeLong 95% CIs. A learner that cannot run here is listed as
 * skipped with its reason. Every fit uses the same seed, as scikit-learn clones an estimator with random_state=0.
 */
public final class LearnerComparison {
    private static final double CI_LEVEL = 0.95;

    private final List<LearnerResult> results;

    private LearnerComparison(List<LearnerResult> results) {
        this.results = List.copyOf(results);
    }

    /** A comparison of results computed elsewhere (e.g. read back from a training report). */
    static LearnerComparison of(List<LearnerResult> results) {
        return new LearnerComparison(results);
    }

    public static LearnerComparison run(double[][] xTrain, int[] yTrain, int[] folds5, double[][] xTest, int[] yTest,
                                        List<Learner> learners, long seed) {
        return run(xTrain, yTrain, folds5, xTest, yTest, learners, seed, s -> { });
    }

    /** As {@link #run(double[][], int[], int[], double[][], int[], List, long)}, telling progress to log. */
    public static LearnerComparison run(double[][] xTrain, int[] yTrain, int[] folds5, double[][] xTest, int[] yTest,
                                        List<Learner> learners, long seed, Consumer<String> log) {
        int p = TrainingRows.check(xTrain, yTrain, "learner comparison");
        if (folds5 == null || folds5.length != xTrain.length) {
            throw new IllegalArgumentException("learner comparison: need one fold id per training row ("
                    + xTrain.length + "), got " + (folds5 == null ? "null" : folds5.length));
        }
        if (xTest == null || yTest == null || xTest.length != yTest.length) {
            throw new IllegalArgumentException("learner comparison: test rows and labels must be given and of equal length");
        }
        for (double[] row : xTest) {
            if (row.length != p) {
                throw new IllegalArgumentException("learner comparison: a test row has " + row.length
                        + " features, training rows have " + p);
            }
        }
        int k = checkFolds(folds5, yTrain);
        List<LearnerResult> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Learner learner : learners) {
            if (seen.contains(learner.name())) {
                throw new IllegalArgumentException("learner comparison: learner " + learner.name() + " is listed twice");
            }
            seen.add(learner.name());
            var reason = learner.unavailableReason();
            if (reason.isPresent()) {
                log.accept(learner.name() + ": skipped (" + reason.get() + ")");
                out.add(LearnerResult.skipped(learner.name(), reason.get()));
                continue;
            }
            out.add(evaluate(learner, xTrain, yTrain, folds5, k, xTest, yTest, seed));
            LearnerResult r = out.get(out.size() - 1);
            log.accept(String.format("%s: CV AUC %.4f +/- %.4f, train %.4f, test %.4f",
                    r.name(), r.aucCvMean(), r.aucCvSd(), r.aucTrain(), r.aucTest()));
        }
        return new LearnerComparison(out);
    }

    private static LearnerResult evaluate(Learner learner, double[][] x, int[] y, int[] folds, int k,
                                          double[][] xTest, int[] yTest, long seed) {
        double[] oof = new double[x.length];
        double[] foldAuc = new double[k];
        for (int fold = 1; fold <= k; fold++) {
            List<Integer> in = new ArrayList<>(), held = new ArrayList<>();
            for (int i = 0; i < x.length; i++) (folds[i] == fold ? held : in).add(i);
            ScoreModel m = learner.fit(rows(x, in), labels(y, in), seed);
            double[] s = new double[held.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = m.probability(x[held.get(i)]);
                oof[held.get(i)] = s[i];
            }
            foldAuc[fold - 1] = Auc.of(s, labels(y, held));
        }
        ScoreModel model = learner.fit(x, y, seed);
        double[] train = model.probabilities(x);
        double[] test = model.probabilities(xTest);
        double mean = 0;
        for (double a : foldAuc) mean += a;
        mean /= k;
        double ss = 0;
        for (double a : foldAuc) ss += (a - mean) * (a - mean);
        double sd = Math.sqrt(ss / (k - 1));
        boolean testUsable = hasTwoPerClass(yTest);
        return new LearnerResult(learner.name(), LearnerResult.Status.OK, null, foldAuc, mean, sd, oof, Auc.of(oof, y),
                model, train, test, Auc.of(train, y), testUsable ? Auc.of(test, yTest) : Double.NaN,
                hasTwoPerClass(y) ? DeLong.ci(train, y, CI_LEVEL) : null,
                testUsable ? DeLong.ci(test, yTest, CI_LEVEL) : null);
    }

    /** Fold ids must be 1..k (k >= 2) and every fold's held-out part and training part must hold both classes. */
    private static int checkFolds(int[] folds, int[] y) {
        int k = 0;
        for (int f : folds) {
            if (f < 1) throw new IllegalArgumentException("learner comparison: fold ids start at 1, got " + f);
            k = Math.max(k, f);
        }
        if (k < 2) throw new IllegalArgumentException("learner comparison: need at least 2 folds, got " + k);
        for (int fold = 1; fold <= k; fold++) {
            int[] heldPerClass = new int[2], inPerClass = new int[2];
            for (int i = 0; i < folds.length; i++) (folds[i] == fold ? heldPerClass : inPerClass)[y[i]]++;
            if (heldPerClass[0] == 0 || heldPerClass[1] == 0 || inPerClass[0] == 0 || inPerClass[1] == 0) {
                throw new IllegalArgumentException("learner comparison: fold " + fold + " lacks a class (held out: "
                        + heldPerClass[1] + " positive, " + heldPerClass[0] + " negative); use stratified folds");
            }
        }
        return k;
    }

    private static boolean hasTwoPerClass(int[] y) {
        int pos = 0;
        for (int v : y) pos += v;
        return pos >= 2 && y.length - pos >= 2;
    }

    private static double[][] rows(double[][] x, List<Integer> idx) {
        double[][] r = new double[idx.size()][];
        for (int i = 0; i < r.length; i++) r[i] = x[idx.get(i)];
        return r;
    }

    private static int[] labels(int[] y, List<Integer> idx) {
        int[] r = new int[idx.size()];
        for (int i = 0; i < r.length; i++) r[i] = y[idx.get(i)];
        return r;
    }

    public List<LearnerResult> results() {
        return results;
    }

    public LearnerResult result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no learner named " + name + " in this comparison; have "
                        + results.stream().map(LearnerResult::name).toList()));
    }

    /**
     * The learner with the highest mean CV AUC among those that ran; ties go to the earlier name in
     * {@link Learners#ORDER} (names outside it come last, in input order).
     */
    public LearnerResult best() {
        Comparator<LearnerResult> byRank = Comparator.comparingInt(r -> {
            int i = Learners.ORDER.indexOf(r.name());
            return i < 0 ? Integer.MAX_VALUE : i;
        });
        LearnerResult best = null;
        for (LearnerResult r : results.stream().filter(LearnerResult::ok).sorted(byRank).toList()) {
            if (best == null || r.aucCvMean() > best.aucCvMean()) best = r;
        }
        if (best == null) throw new IllegalStateException("no learner ran: all were skipped " + skippedReasons());
        return best;
    }

    /** The named learner (an override of the CV choice, like the reference's REF_DL_MODEL); it must have run. */
    public LearnerResult best(String override) {
        LearnerResult r = result(override);
        if (!r.ok()) {
            throw new IllegalArgumentException("learner " + override + " was skipped (" + r.skipReason()
                    + "); choose one that ran");
        }
        return r;
    }

    private List<String> skippedReasons() {
        return results.stream().filter(r -> !r.ok()).map(r -> r.name() + ": " + r.skipReason()).toList();
    }
}
