package org.eusedge.training.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Redundancy filter on the Mann-Whitney-kept features, the reference harness's deterministic replacement of the
 * paper's random choice ("greedy best-first"): walk the candidates by (p ascending, column index ascending) and
 * keep each one unless its |Spearman rho| with an already kept feature exceeds 0.9 (strict). So of a correlated
 * pair the one with the larger p goes, and a dropped feature never causes further drops.
 */
public final class SpearmanFilter {
    private SpearmanFilter() {}

    /** Strict threshold on |rho|. */
    public static final double RHO_MAX = 0.9;

    /** Two candidates with |rho| > 0.9, in candidate (column) order. */
    public record CorrelatedPair(String a, String b, double rho) {}

    /** A candidate dropped for its first correlated already-kept partner. */
    public record DroppedFeature(String feature, String keptPartner, double rho, double p, double partnerP) {}

    /**
     * @param keptColumns column indices of the kept features, ascending (column order)
     * @param kept        their names, in the same order
     * @param dropped     in the order the greedy walk dropped them
     */
    public record Result(int[] keptColumns, List<String> kept, List<CorrelatedPair> pairs, List<DroppedFeature> dropped) {}

    /**
     * @param z          training rows x all features (z-scores; Spearman is rank based, so raw values give the same)
     * @param names      one name per column of {@code z}
     * @param candidates column indices of the Mann-Whitney-kept features, ascending
     * @param p          Mann-Whitney p-value per column of {@code z}
     */
    public static Result apply(double[][] z, String[] names, int[] candidates, double[] p) {
        java.util.Objects.requireNonNull(names, "feature names");
        Inputs.requireNames(names, names.length);
        Inputs.requireFiniteMatrix(z, names.length, "Spearman filter input");
        if (p == null || p.length != names.length) {
            throw new IllegalArgumentException("need one p-value per feature (" + names.length + "), got "
                    + (p == null ? 0 : p.length));
        }
        for (int k = 0; k < candidates.length; k++) {
            if (candidates[k] < 0 || candidates[k] >= names.length || (k > 0 && candidates[k] <= candidates[k - 1])) {
                throw new IllegalArgumentException("candidate columns must be distinct valid column indices in ascending"
                        + " order, got " + Arrays.toString(candidates));
            }
        }
        int m = candidates.length;
        double[][] columns = new double[m][z.length];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < z.length; i++) columns[k][i] = z[i][candidates[k]];
        }
        double[][] rho = new double[m][m];
        for (int a = 0; a < m; a++) {
            rho[a][a] = 1.0;
            for (int b = a + 1; b < m; b++) {
                rho[a][b] = rho[b][a] = z.length < 2 ? Double.NaN : Spearman.rho(columns[a], columns[b]);
            }
        }
        List<CorrelatedPair> pairs = new ArrayList<>();
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                if (Math.abs(rho[a][b]) > RHO_MAX) {
                    pairs.add(new CorrelatedPair(names[candidates[a]], names[candidates[b]], rho[a][b]));
                }
            }
        }
        Integer[] walk = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(walk, Comparator.<Integer>comparingDouble(k -> p[candidates[k]]).thenComparingInt(k -> candidates[k]));
        List<Integer> keptLocal = new ArrayList<>();
        List<DroppedFeature> dropped = new ArrayList<>();
        for (int k : walk) {
            Integer partner = null;
            for (int kept : keptLocal) {
                if (Math.abs(rho[k][kept]) > RHO_MAX) {
                    partner = kept;
                    break;
                }
            }
            if (partner == null) {
                keptLocal.add(k);
            } else {
                dropped.add(new DroppedFeature(names[candidates[k]], names[candidates[partner]], rho[k][partner],
                        p[candidates[k]], p[candidates[partner]]));
            }
        }
        int[] keptColumns = keptLocal.stream().mapToInt(k -> candidates[k]).sorted().toArray();
        List<String> kept = Arrays.stream(keptColumns).mapToObj(j -> names[j]).toList();
        return new Result(keptColumns, kept, List.copyOf(pairs), List.copyOf(dropped));
    }
}
