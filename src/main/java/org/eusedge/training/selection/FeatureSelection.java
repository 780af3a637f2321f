package org.eusedge.training.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The method's feature selection on the training rows (rules 1-4 of the reference harness): z-score (train
 * mean/SD) -> Mann-Whitney U per feature, keep p &lt; 0.05 -> greedy Spearman filter |rho| &gt; 0.9 -> LassoCV on
 * the 0/1 label over the given folds, keep non-zero coefficients; the classifiers get the LASSO-kept features, or
 * the Spearman-kept ones when the LASSO keeps none.
 */
public final class FeatureSelection {
    private FeatureSelection() {}

    /** Strict Mann-Whitney threshold. */
    public static final double MWU_ALPHA = 0.05;

    public static SelectionResult run(double[][] trainRaw, int[] y, String[] names, int[] lassoFolds) {
        return run(trainRaw, y, names, lassoFolds, done -> { });
    }

    /**
     * @param trainRaw      train rows (file order) x deep features, raw values
     * @param y             label per row: 1 = PNET, 0 = cancer
     * @param names         feature names, one per column
     * @param lassoFolds    LASSO CV fold per row, 1..K (e.g. {@link LassoCv#stratifiedFolds(int[], int, long)})
     * @param lassoProgress told the number of LASSO CV folds finished (1..K), for a progress bar
     * @throws IllegalArgumentException    on mismatched lengths, non-finite values, labels other than 0/1 or one class
     * @throws NoFeatureSelectedException  when no feature has Mann-Whitney p &lt; 0.05
     */
    public static SelectionResult run(double[][] trainRaw, int[] y, String[] names, int[] lassoFolds,
                                      IntConsumer lassoProgress) {
        Objects.requireNonNull(names, "feature names");
        Objects.requireNonNull(lassoProgress, "lassoProgress");
        Inputs.requireNames(names, names.length);
        Inputs.requireFiniteMatrix(trainRaw, names.length, "train feature table");
        Inputs.requireBinaryLabels(y, trainRaw.length);
        if (lassoFolds == null || lassoFolds.length != trainRaw.length) {
            throw new IllegalArgumentException("got " + (lassoFolds == null ? 0 : lassoFolds.length)
                    + " LASSO fold ids for " + trainRaw.length + " train rows: pass one fold id (1..K) per row");
        }

        Standardiser standardiser = Standardiser.fit(trainRaw, names);
        double[][] z = standardiser.apply(trainRaw);
        int p = names.length;

        double[] u = new double[p];
        double[] pValues = new double[p];
        List<Integer> mwuColumns = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            MannWhitney.Result r = MannWhitney.test(column(z, y, j, 1), column(z, y, j, 0));
            u[j] = r.u1();
            pValues[j] = r.p();
            if (r.p() < MWU_ALPHA) mwuColumns.add(j);
        }
        if (mwuColumns.isEmpty()) {
            throw new NoFeatureSelectedException("no deep feature separates the classes (Mann-Whitney p < " + MWU_ALPHA
                    + ") on the " + y.length + " train rows: check the labels and the ROIs, or enlarge the cohort");
        }
        int[] candidates = mwuColumns.stream().mapToInt(Integer::intValue).toArray();
        SpearmanFilter.Result filtered = SpearmanFilter.apply(z, names, candidates, pValues);

        int[] lassoColumns = filtered.keptColumns();
        double[][] lassoX = new double[z.length][lassoColumns.length];
        double[] label = new double[y.length];
        for (int i = 0; i < z.length; i++) {
            for (int k = 0; k < lassoColumns.length; k++) lassoX[i][k] = z[i][lassoColumns[k]];
            label[i] = y[i];
        }
        LassoFit fit = LassoCv.fit(lassoX, label, lassoFolds, lassoProgress);
        Map<String, Double> coefficients = new LinkedHashMap<>();
        List<String> lassoKept = new ArrayList<>();
        for (int k = 0; k < lassoColumns.length; k++) {
            String name = names[lassoColumns[k]];
            coefficients.put(name, fit.coef()[k]);
            if (fit.coef()[k] != 0.0) lassoKept.add(name);
        }
        LassoSelection lasso = new LassoSelection(filtered.kept(), fit.alpha(), fit.intercept(),
                Collections.unmodifiableMap(coefficients), fit.iterations(), fit.path());

        boolean fallback = lassoKept.isEmpty();
        return new SelectionResult(standardiser, u, pValues, mwuColumns.stream().map(j -> names[j]).toList(),
                filtered.pairs(), filtered.dropped(), filtered.kept(), lasso, List.copyOf(lassoKept),
                fallback ? filtered.kept() : List.copyOf(lassoKept),
                fallback ? ModelFeatureSource.SPEARMAN_FALLBACK : ModelFeatureSource.LASSO);
    }

    private static double[] column(double[][] z, int[] y, int j, int label) {
        return java.util.stream.IntStream.range(0, z.length).filter(i -> y[i] == label).mapToDouble(i -> z[i][j]).toArray();
    }
}
