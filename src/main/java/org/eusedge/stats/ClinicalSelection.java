package org.eusedge.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Choice of the clinical-signature variables (reference rule 7): univariable logistic regression per variable,
 * the variables with Wald p < 0.05 enter one multivariable model, and those with p < 0.05 there are the
 * signature. Fallbacks: no multivariable p < 0.05 -> the univariable set; no univariable p < 0.05 -> all
 * variables. A failed fit counts as not significant.
 */
public final class ClinicalSelection {
    public static final double ALPHA = 0.05;
    public static final String RULE_MULTIVARIABLE = "multivariable p < 0.05";
    public static final String RULE_UNIVARIABLE_FALLBACK = "FALLBACK: no multivariable p < 0.05, univariable set used";
    public static final String RULE_ALL_FALLBACK = "FALLBACK: no univariable p < 0.05, all variables used";

    private ClinicalSelection() {}

    /**
     * @param univariable          per variable (in input order) its univariable fit
     * @param multivariable        the multivariable fit, or null when no variable was univariably significant
     */
    public record Result(Map<String, LogisticFit> univariable, List<String> univariableSignificant,
                         LogisticFit multivariable, List<String> multivariableSignificant,
                         List<String> signatureVars, String signatureRule) {
        public Result {
            univariable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(univariable));
            univariableSignificant = List.copyOf(univariableSignificant);
            multivariableSignificant = List.copyOf(multivariableSignificant);
            signatureVars = List.copyOf(signatureVars);
        }
    }

    /** @param xRaw one row per case, raw units, columns named by {@code names}; @param y 0/1 labels */
    public static Result select(double[][] xRaw, String[] names, int[] y) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("no clinical variables given: pass at least one column name");
        }
        if (xRaw == null || xRaw.length != (y == null ? -1 : y.length)) {
            throw new IllegalArgumentException("xRaw has " + (xRaw == null ? "no" : xRaw.length) + " rows but there are "
                    + (y == null ? "no" : y.length) + " labels: pass one row per case");
        }
        Map<String, LogisticFit> uni = new LinkedHashMap<>();
        List<String> uniSig = new ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            LogisticFit fit = LogisticRegression.fit(columns(xRaw, new int[] {j}, names), y, new String[] {names[j]});
            uni.put(names[j], fit);
            if (significant(fit, names[j])) uniSig.add(names[j]);
        }
        LogisticFit multi = null;
        List<String> multiSig = new ArrayList<>();
        if (!uniSig.isEmpty()) {
            int[] idx = uniSig.stream().mapToInt(v -> List.of(names).indexOf(v)).toArray();
            multi = LogisticRegression.fit(columns(xRaw, idx, names), y, uniSig.toArray(String[]::new));
            for (String v : uniSig) if (significant(multi, v)) multiSig.add(v);
        }
        if (!multiSig.isEmpty()) return new Result(uni, uniSig, multi, multiSig, multiSig, RULE_MULTIVARIABLE);
        if (!uniSig.isEmpty()) return new Result(uni, uniSig, multi, multiSig, uniSig, RULE_UNIVARIABLE_FALLBACK);
        return new Result(uni, uniSig, multi, multiSig, List.of(names), RULE_ALL_FALLBACK);
    }

    private static boolean significant(LogisticFit fit, String name) {
        return fit instanceof LogisticFit.Fitted f && f.term(name).p() < ALPHA;
    }

    private static double[][] columns(double[][] x, int[] idx, String[] names) {
        double[][] out = new double[x.length][idx.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != names.length) {
                throw new IllegalArgumentException("row " + i + " of xRaw has " + x[i].length + " values but "
                        + names.length + " names were given");
            }
            for (int k = 0; k < idx.length; k++) out[i][k] = x[i][idx[k]];
        }
        return out;
    }
}
