package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.eusedge.stats.Pretty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's figures, each drawn from the results tree alone as an SVG string (null when its data is absent),
 * laid out like the study's figures: ROC (Fig. 8), LASSO (Fig. 3), learner comparison (Fig. 5), forest plot,
 * nomogram (Fig. 9), calibration (Fig. 10), decision curves (Fig. 11), clinical impact (Fig. 12), SHAP (Fig. 6).
 */
public final class Figures {
    static final Map<String, String> COLOURS = Map.of("DL_sig", "#1f77b4", "Clinic_sig", "#2ca02c", "Nomogram", "#d62728");
    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf"};
    private static final String GREY = "#7f7f7f";

    private Figures() {}

    static String colour(String signature) {
        return COLOURS.getOrDefault(signature, "#444444");
    }

    /** ROC curves of the signatures on one set, AUC and DeLong CI in the legend. */
    public static String roc(EvaluationResults r, String set) {
        JsonNode scores = r.at("/scores");
        int[] y = Json.ints(scores.path("y_" + set));
        if (y.length == 0 || (set.equals("test") && !r.hasTest())) return null;
        SvgChart c = SvgChart.xy("ROC curves, " + setLabel(r, set), "1 \u2212 specificity", "Sensitivity")
                .xRange(0, 1).yRange(0, 1).size(420, 400);
        c.line(null, new double[] {0, 1}, new double[] {0, 1}, "#b0b0b0", "4 4");
        for (String s : r.signatureNames()) {
            double[][] roc = rocPoints(Json.doubles(scores.path(s).path(set)), y);
            JsonNode ci = r.at("/signatures/" + s + "/auc_" + set + "_ci_delong");
            String name = String.format(Locale.ROOT, "%s  AUC %.3f (%.3f\u2013%.3f)", s,
                    r.at("/signatures/" + s + "/auc_" + set).asDouble(), ci.path(0).asDouble(), ci.path(1).asDouble());
            c.line(name, roc[0], roc[1], colour(s), null);
        }
        return c.render();
    }

    /** (FPR, TPR) points of the empirical ROC curve, thresholds descending through the distinct scores. */
    static double[][] rocPoints(double[] score, int[] y) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        int pos = Arrays.stream(y).sum(), neg = y.length - pos;
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {0, 0});
        int tp = 0, fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (y[order[k]] == 1) tp++; else fp++;
            if (k == order.length - 1 || score[order[k + 1]] != score[order[k]]) {
                pts.add(new double[] {(double) fp / neg, (double) tp / pos});
            }
        }
        return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()};
    }

    /** LASSO: mean CV error (± 1 SE over folds) against log(alpha), the chosen alpha marked. */
    public static String lassoCv(EvaluationResults r) {
        JsonNode l = r.at("/selection/lasso");
        if (!l.has("alphas")) return null;
        double[] logA = Arrays.stream(Json.doubles(l.path("alphas"))).map(Math::log).toArray();
        double[] mean = Json.doubles(l.path("cv_mse_mean"));
        double[][] folds = Json.matrix(l.path("cv_mse"));
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        double[] se = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            se[i] = sd(folds[i]) / Math.sqrt(folds[i].length);
            lo = Math.min(lo, mean[i] - se[i]);
            hi = Math.max(hi, mean[i] + se[i]);
        }
        double chosen = Math.log(l.path("chosen_alpha").asDouble());
        SvgChart c = SvgChart.xy("LASSO: 10-fold CV error", "log(\u03bb)", "Mean squared error")
                .xRange(min(logA), max(logA)).yRange(lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05).size(460, 360)
                .legendAt(SvgChart.Corner.BELOW);
        for (int i = 0; i < mean.length; i += 2) c.errorBarY(logA[i], mean[i] - se[i], mean[i] + se[i], "#b0b0b0");
        c.points("mean CV MSE \u00b1 1 SE", logA, mean, "#d62728", 2.5);
        c.verticalLine(chosen, "#333333", "5 4", String.format(Locale.ROOT, "\u03bb = %.4g", Math.exp(chosen)));
        return c.render();
    }

    /** LASSO coefficient path against log(alpha), the chosen alpha marked. */
    public static String lassoPath(EvaluationResults r) {
        JsonNode l = r.at("/selection/lasso");
        if (!l.has("coef_path")) return null;
        double[] logA = Arrays.stream(Json.doubles(l.path("alphas"))).map(Math::log).toArray();
        double[][] path = Json.matrix(l.path("coef_path"));
        int p = path.length == 0 ? 0 : path[0].length;
        double lo = 0, hi = 0;
        for (double[] row : path) for (double v : row) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (hi - lo == 0) hi = lo + 1;
        SvgChart c = SvgChart.xy("LASSO coefficient path (" + p + " features)", "log(\u03bb)", "Coefficient")
                .xRange(min(logA), max(logA)).yRange(lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05);
        for (int j = 0; j < p; j++) {
            double[] col = new double[path.length];
            for (int i = 0; i < path.length; i++) col[i] = path[i][j];
            c.line(null, logA, col, PALETTE[j % PALETTE.length], null);
        }
        double chosen = Math.log(l.path("chosen_alpha").asDouble());
        c.verticalLine(chosen, "#333333", "5 4", String.format(Locale.ROOT, "\u03bb = %.4g, %d kept", Math.exp(chosen),
                l.path("coef").size()));
        return c.render();
    }

    /** Learner comparison: mean 5-fold CV AUC (bars, ± SD) with train and test AUC as points. */
    public static String learners(EvaluationResults r) {
        JsonNode models = r.at("/models");
        if (models.isMissingNode() || models.isEmpty()) return null;
        List<String> names = new ArrayList<>();
        models.fieldNames().forEachRemaining(names::add);
        int n = names.size();
        double[] x = new double[n], cv = new double[n], train = new double[n], test = new double[n];
        double lo = 1;
        for (int k = 0; k < n; k++) {
            JsonNode m = models.get(names.get(k));
            x[k] = k;
            cv[k] = Json.num(m.get("auc_cv_mean"));
            train[k] = Json.num(m.get("auc_train"));
            test[k] = Json.num(m.get("auc_test"));
            for (double v : new double[] {cv[k] - Json.num(m.get("auc_cv_sd")), train[k], test[k]}) {
                if (Double.isFinite(v)) lo = Math.min(lo, v);
            }
        }
        double yLo = Math.max(0, Math.floor(lo * 10 - 0.5) / 10);
        SvgChart c = SvgChart.xy("Learner comparison (" + r.at("/dl_signature/model").asText() + " chosen)", null, "AUC")
                .xCategories(names.toArray(String[]::new)).yRange(yLo, 1.0).size(640, 360).legendAt(SvgChart.Corner.BELOW);
        c.bars("mean 5-fold CV AUC \u00b1 SD", x, cv, 0.55, "#9ecae1");
        for (int k = 0; k < n; k++) {
            double sd = Json.num(models.get(names.get(k)).get("auc_cv_sd"));
            if (Double.isFinite(cv[k]) && Double.isFinite(sd)) c.errorBarY(k, cv[k] - sd, Math.min(1, cv[k] + sd), "#08519c");
            if (!Double.isFinite(cv[k])) c.label(k, yLo + (1 - yLo) * 0.05, "skipped", "middle");
        }
        c.points("train AUC (refit)", x, train, "#ff7f0e", 4);
        if (r.hasTest()) c.points(r.at("/meta/test_set_label").asText() + " AUC", x, test, "#d62728", 4);
        return c.render();
    }

    /** Forest plot of the univariable and multivariable odds ratios with Wald 95% CIs, log scale. */
    public static String forest(EvaluationResults r) {
        JsonNode uni = r.at("/clinical/univariable");
        if (uni.isMissingNode()) return null;
        JsonNode multi = r.at("/clinical/multivariable/terms");
        List<String> vars = new ArrayList<>();
        uni.fieldNames().forEachRemaining(vars::add);
        double lo = 1, hi = 1;
        for (JsonNode t : List.of(uni, multi)) {
            for (String v : vars) {
                JsonNode n = t.path(v);
                for (String k : List.of("or_ci_low", "or_ci_high")) {
                    double d = Json.num(n.get(k));
                    if (Double.isFinite(d) && d > 0) { lo = Math.min(lo, d); hi = Math.max(hi, d); }
                }
            }
        }
        lo = Math.max(lo, 1e-3);
        hi = Math.min(hi, 1e3);
        double xLo = Math.pow(10, Math.floor(Math.log10(lo) * 2) / 2), xHi = Math.pow(10, Math.ceil(Math.log10(hi) * 2) / 2);
        SvgChart c = SvgChart.xy("Odds ratios with 95% CI (train)", "Odds ratio (log scale)", null)
                .yCategories(vars.toArray(String[]::new)).xRange(xLo, xHi).logX().size(560, 60 + 30 * vars.size() + 40)
                .legendAt(SvgChart.Corner.TOP_RIGHT);
        c.verticalLine(1, "#555555", "4 3", null);
        double[] uy = new double[0], ux = new double[0], my = new double[0], mx = new double[0];
        for (int k = 0; k < vars.size(); k++) {
            JsonNode u = uni.path(vars.get(k));
            if (u.has("or")) {
                c.errorBarX(k - 0.15, clamp(Json.num(u.get("or_ci_low")), xLo, xHi), clamp(Json.num(u.get("or_ci_high")), xLo, xHi), "#1f77b4");
                uy = append(uy, k - 0.15);
                ux = append(ux, clamp(Json.num(u.get("or")), xLo, xHi));
            }
            JsonNode m = multi.path(vars.get(k));
            if (m.has("or")) {
                c.errorBarX(k + 0.15, clamp(Json.num(m.get("or_ci_low")), xLo, xHi), clamp(Json.num(m.get("or_ci_high")), xLo, xHi), "#d62728");
                my = append(my, k + 0.15);
                mx = append(mx, clamp(Json.num(m.get("or")), xLo, xHi));
            }
        }
        c.points("univariable", ux, uy, "#1f77b4", 4);
        if (mx.length > 0) c.points("multivariable", mx, my, "#d62728", 4);
        return c.render();
    }

    /** Calibration on train: apparent and bootstrap bias-corrected curves with the ideal line, MAE printed. */
    public static String calibrationTrain(EvaluationResults r) {
        JsonNode cal = r.at("/calibration");
        if (!cal.has("boot_curve")) return null;
        JsonNode curve = cal.path("boot_curve");
        double[] predy = Json.doubles(curve.path("predy"));
        SvgChart c = SvgChart.xy("Calibration, train (bootstrap B = " + cal.path("B").asInt() + ")", "Predicted probability",
                "Observed proportion").xRange(0, 1).yRange(0, 1).size(420, 400);
        c.line("Ideal", new double[] {0, 1}, new double[] {0, 1}, "#9a9a9a", "4 4");
        c.line("Apparent", predy, Json.doubles(curve.path("calibrated_orig")), "#1f77b4", "2 3");
        c.line("Bias-corrected", predy, Json.doubles(curve.path("calibrated_corrected")), "#d62728", null);
        c.note(String.format(Locale.ROOT, "Mean absolute error = %.3f (n = %d)", cal.path("mae_boot").asDouble(),
                cal.path("n_used").asInt()));
        c.note(String.format(Locale.ROOT, "Apparent MAE = %.3f", cal.path("mae_apparent").asDouble()));
        return c.render();
    }

    /** Observed vs predicted on one set: lowess curve and quantile-bin points, with the ideal line. */
    public static String calibrationSet(EvaluationResults r, String set) {
        JsonNode v = r.at("/calibration/" + set);
        if (v.isMissingNode()) return null;
        SvgChart c = SvgChart.xy("Calibration, " + setLabel(r, set) + " (Nomogram)", "Predicted probability",
                "Observed proportion").xRange(0, 1).yRange(0, 1).size(420, 400);
        c.line("Ideal", new double[] {0, 1}, new double[] {0, 1}, "#9a9a9a", "4 4");
        c.line("Lowess", Json.doubles(v.path("lowess_curve").path("x")), Json.doubles(v.path("lowess_curve").path("y")), "#d62728", null);
        c.points("Deciles of predicted risk", Json.doubles(v.path("binned_quantile10").path("prob_pred")),
                Json.doubles(v.path("binned_quantile10").path("prob_true")), "#1f77b4", 4);
        c.note(String.format(Locale.ROOT, "MAE (lowess) = %.3f", v.path("mae_lowess").asDouble()));
        c.note(String.format(Locale.ROOT, "MAE (deciles) = %.3f", v.path("binned_quantile10").path("mae_binned").asDouble()));
        c.note(String.format(Locale.ROOT, "Brier = %.3f", v.path("brier").asDouble()));
        return c.render();
    }

    /** Decision curves of the signatures, treat-all and treat-none on one set. */
    public static String decisionCurve(EvaluationResults r, String set) {
        List<JsonNode> rows = rows(r.at("/dca"), set);
        if (rows.isEmpty()) return null;
        double[] t = col(rows, "threshold");
        double[] all = col(rows, "treat_all");
        double top = Math.max(0.05, max(all));
        for (String s : r.signatureNames()) top = Math.max(top, max(col(rows, s)));
        SvgChart c = SvgChart.xy("Decision curves, " + setLabel(r, set), "Threshold probability", "Net benefit")
                .xRange(0, 1).yRange(-0.05, Math.ceil(top * 20) / 20 + 0.02).size(500, 380).legendAt(SvgChart.Corner.BELOW);
        c.line("Treat all", t, all, GREY, null);
        c.line("Treat none", t, col(rows, "treat_none"), "#000000", "6 3");
        for (String s : r.signatureNames()) c.line(s, t, col(rows, s), colour(s), null);
        return c.render();
    }

    /** Clinical impact curve of one model on one set: number high risk and with the event per 1000. */
    public static String clinicalImpact(EvaluationResults r, String set, String model) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode row : rows(r.at("/cic"), set)) if (row.path("model").asText().equals(model)) rows.add(row);
        if (rows.isEmpty()) return null;
        SvgChart c = SvgChart.xy("Clinical impact, " + model + ", " + setLabel(r, set), "Threshold probability",
                "Number per 1000 patients").xRange(0, 1).yRange(0, 1000).size(460, 360).legendAt(SvgChart.Corner.TOP_RIGHT);
        c.line("Number high risk", col(rows, "threshold"), col(rows, "n_high_risk"), "#d62728", null);
        c.line("Number high risk with event", col(rows, "threshold"), col(rows, "n_high_risk_with_event"), "#1f77b4", "6 3");
        return c.render();
    }

    /** The 2 x 2 confusion matrix of one signature on one set at the Youden threshold. */
    public static String confusion(EvaluationResults r, String signature, String set) {
        JsonNode m = r.at("/signatures/" + signature + "/metrics/" + set + "/youden");
        if (m.isMissingNode()) return null;
        int tp = m.path("tp").asInt(), fp = m.path("fp").asInt(), tn = m.path("tn").asInt(), fn = m.path("fn").asInt();
        double w = 184, h = 178, x0 = 74, y0 = 48, cell = 52;
        Svg svg = new Svg(w, h, "Confusion matrix " + signature + " " + set);
        svg.text(w / 2, 16, signature + ", " + setLabel(r, set), 12, "middle", true, 0, null);
        svg.text(x0 + cell, y0 - 18, "Predicted", 11, "middle");
        String pos = positiveName(r), neg = negativeName(r);
        svg.text(x0 + cell / 2, y0 - 4, pos, 10, "middle");
        svg.text(x0 + 1.5 * cell, y0 - 4, neg, 10, "middle");
        svg.text(16, y0 + cell, "Actual", 11, "middle", false, -90, null);
        svg.text(x0 - 6, y0 + cell / 2 + 4, pos, 10, "end");
        svg.text(x0 - 6, y0 + 1.5 * cell + 4, neg, 10, "end");
        int max = Math.max(1, Math.max(Math.max(tp, fp), Math.max(tn, fn)));
        int[][] v = {{tp, fn}, {fp, tn}};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double shade = (double) v[i][j] / max;
                boolean correct = i == j;
                String fill = correct ? blend("#ffffff", "#2171b5", shade * 0.85) : blend("#ffffff", "#cb181d", shade * 0.85);
                svg.rect(x0 + j * cell, y0 + i * cell, cell, cell, fill, "#555555");
                svg.text(x0 + (j + 0.5) * cell, y0 + (i + 0.5) * cell + 6, Integer.toString(v[i][j]), 16, "middle", true, 0,
                        shade > 0.6 ? "#ffffff" : "#000000");
            }
        }
        svg.text(w / 2, h - 6, String.format(Locale.ROOT, "threshold %.3f (Youden, train)", m.path("threshold").asDouble()), 10, "middle");
        return svg.end();
    }

    /** The nomogram as rms draws it: Points, one axis per predictor, Total Points and Risk. */
    public static String nomogram(EvaluationResults r) {
        JsonNode nom = r.at("/nomogram/points");
        if (nom.isMissingNode()) return null;
        List<String> predictors = new ArrayList<>();
        nom.fieldNames().forEachRemaining(predictors::add);
        double[] grid = Json.doubles(r.at("/nomogram/total_points_to_prob/total_points"));
        double maxTotal = grid[grid.length - 1];
        double labelW = 110, scaleW = 640, rowH = 52, left = labelW + 10, w = left + scaleW + 30;
        int rows = predictors.size() + 3;
        double h = 40 + rows * rowH;
        Svg svg = new Svg(w, h, "Nomogram");
        svg.text(w / 2, 18, "Nomogram", 13, "middle", true, 0, null);
        double y = 50;
        double[] pointTicks = new double[11];
        for (int k = 0; k <= 10; k++) pointTicks[k] = 10 * k;
        axisRow(svg, "Points", y, left, scaleW, pointTicks, pointTicks, 100, true);
        for (String p : predictors) {
            y += rowH;
            JsonNode a = nom.get(p);
            double[] values = Json.doubles(a.path("values"));
            double[] points = Json.doubles(a.path("points"));
            axisRow(svg, p, y, left, scaleW, points, values, 100, false);
        }
        y += rowH;
        double[] totalTicks = Arrays.stream(Pretty.of(0, maxTotal, 8)).filter(v -> v <= maxTotal + 1e-9).toArray();
        axisRow(svg, "Total Points", y, left, scaleW, totalTicks, totalTicks, maxTotal, true);
        y += rowH;
        double[] riskAt = Json.doubles(r.at("/nomogram/risk_axis/total_points"));
        double[] risk = Json.doubles(r.at("/nomogram/risk_axis/prob"));
        List<double[]> kept = new ArrayList<>();
        for (int k = 0; k < riskAt.length; k++) if (riskAt[k] >= 0 && riskAt[k] <= maxTotal) kept.add(new double[] {riskAt[k], risk[k]});
        axisRow(svg, "Risk of " + positiveName(r), y, left, scaleW, kept.stream().mapToDouble(d -> d[0]).toArray(),
                kept.stream().mapToDouble(d -> d[1]).toArray(), maxTotal, false);
        return svg.end();
    }

    /** One nomogram axis: a line with ticks at {@code at} (on a 0..scaleMax scale) labelled with {@code labels}. */
    private static void axisRow(Svg svg, String name, double y, double left, double width, double[] at, double[] labels,
                                double scaleMax, boolean bold) {
        svg.text(left - 12, y + 4, name, 12, "end", bold, 0, null);
        if (at.length == 0) return;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double a : at) { lo = Math.min(lo, a); hi = Math.max(hi, a); }
        svg.line(left + width * lo / scaleMax, y, left + width * hi / scaleMax, y, "#222222", 1.2, null);
        double lastX = Double.NEGATIVE_INFINITY;
        boolean up = false;
        for (int k = 0; k < at.length; k++) {
            double x = left + width * at[k] / scaleMax;
            svg.line(x, y, x, y - 5, "#222222", 1, null);
            String label = SvgChart.format(Math.abs(labels[k]) < 1e-12 ? 0 : labels[k]);
            double tw = Svg.textWidth(label, 10);
            up = Math.abs(x - lastX) < tw + 2 ? !up : false;   // stagger labels that would overlap
            svg.text(x, up ? y + 15 : y - 8, label, 10, "middle");
            lastX = x;
        }
    }

    /** SHAP summary (beeswarm): one row per feature by mean |SHAP|, dots coloured by feature value. */
    public static String shapBeeswarm(EvaluationResults r, int maxFeatures) {
        JsonNode e = r.at("/explanations");
        if (!e.has("shap_values")) return null;
        double[][] shap = Json.matrix(e.path("shap_values"));
        double[][] values = e.has("feature_values") ? Json.matrix(e.path("feature_values")) : null;
        List<String> names = strings(e.path("feature_names"));
        int[] order = byMeanAbs(shap, names.size(), maxFeatures);
        double lo = 0, hi = 0;
        for (double[] row : shap) for (int j : order) { lo = Math.min(lo, row[j]); hi = Math.max(hi, row[j]); }
        double pad = Math.max(1e-9, (hi - lo) * 0.05);
        String[] labels = Arrays.stream(order).mapToObj(names::get).toArray(String[]::new);
        SvgChart c = SvgChart.xy("SHAP summary (beeswarm)", "SHAP value (impact on DL signature)", null)
                .yCategories(labels).xRange(lo - pad, hi + pad).size(560, 92 + 26 * order.length);
        c.verticalLine(0, "#777777", null, null);
        for (int k = 0; k < order.length; k++) {
            int j = order[k];
            double[] x = new double[shap.length], y = new double[shap.length];
            String[] colours = new String[shap.length];
            double vLo = Double.POSITIVE_INFINITY, vHi = Double.NEGATIVE_INFINITY;
            if (values != null) for (double[] v : values) { vLo = Math.min(vLo, v[j]); vHi = Math.max(vHi, v[j]); }
            for (int i = 0; i < shap.length; i++) {
                x[i] = shap[i][j];
                y[i] = k + jitter(i) * 0.32;
                double t = values == null || vHi == vLo ? 0.5 : (values[i][j] - vLo) / (vHi - vLo);
                colours[i] = blend("#2c7bb6", "#d7191c", t);
            }
            c.points(x, y, colours, 2.4);
        }
        c.legendPoint("low feature value", "#2c7bb6").legendPoint("high feature value", "#d7191c").legendAt(SvgChart.Corner.BELOW);
        return c.render();
    }

    /** Mean |SHAP| per feature as horizontal bars, largest first. */
    public static String shapBars(EvaluationResults r, int maxFeatures) {
        JsonNode e = r.at("/explanations");
        if (!e.has("shap_values")) return null;
        double[][] shap = Json.matrix(e.path("shap_values"));
        List<String> names = strings(e.path("feature_names"));
        int[] order = byMeanAbs(shap, names.size(), maxFeatures);
        double[] mean = new double[order.length], y = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            y[k] = k;
            for (double[] row : shap) mean[k] += Math.abs(row[order[k]]) / shap.length;
        }
        double top = Math.max(1e-9, max(mean));
        SvgChart c = SvgChart.xy("Mean |SHAP| per feature", "mean |SHAP value|", null)
                .yCategories(Arrays.stream(order).mapToObj(names::get).toArray(String[]::new))
                .xRange(0, top * 1.08).size(480, 70 + 26 * order.length);
        c.barsHorizontal(null, y, mean, 0.6, "#3182bd");
        return c.render();
    }

    /** Force plot of example case {@code index}: contributions pushing from the base value to the output, largest first. */
    public static String forcePlot(EvaluationResults r, int index) {
        JsonNode f = r.at("/explanations/forces/" + index);
        if (f.isMissingNode()) return null;
        List<String> names = strings(r.at("/explanations/feature_names"));
        double base = f.path("base_value").asDouble(), out = f.path("output").asDouble();
        double[] contrib = Json.doubles(f.path("contributions"));
        Integer[] order = new Integer[contrib.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(contrib[b]), Math.abs(contrib[a])));
        double pos = 0, neg = 0;
        for (double c : contrib) { if (c > 0) pos += c; else neg += c; }
        double lo = Math.min(base + neg, Math.min(base, out)), hi = Math.max(base + pos, Math.max(base, out));
        double pad = Math.max(1e-9, (hi - lo) * 0.06);
        double w = 760, h = 150, left = 30, pw = w - 60;
        java.util.function.DoubleUnaryOperator X = v -> left + pw * (v - (lo - pad)) / (hi - lo + 2 * pad);
        Svg svg = new Svg(w, h, "SHAP force plot");
        svg.text(w / 2, 18, String.format(Locale.ROOT, "SHAP force plot, case %s: base %.3f \u2192 output %.3f",
                f.path("case_id").asText(), base, out), 13, "middle", true, 0, null);
        double yBar = 60, bh = 22;
        // increasing contributions (red) stack to the left of the output, decreasing (blue) to its right
        double cursor = out;
        for (int idx : order) if (contrib[idx] > 0) {
            double x1 = X.applyAsDouble(cursor - contrib[idx]), x2 = X.applyAsDouble(cursor);
            svg.rect(x1, yBar, x2 - x1, bh, "#e8495b", "#ffffff");
            if (x2 - x1 > 40) svg.text((x1 + x2) / 2, yBar + bh + 14, names.get(idx), 9.5, "middle");
            cursor -= contrib[idx];
        }
        cursor = out;
        for (int idx : order) if (contrib[idx] < 0) {
            double x1 = X.applyAsDouble(cursor), x2 = X.applyAsDouble(cursor - contrib[idx]);
            svg.rect(x1, yBar, x2 - x1, bh, "#2f8fd8", "#ffffff");
            if (x2 - x1 > 40) svg.text((x1 + x2) / 2, yBar + bh + 14, names.get(idx), 9.5, "middle");
            cursor -= contrib[idx];
        }
        svg.line(X.applyAsDouble(out), yBar - 12, X.applyAsDouble(out), yBar + bh + 2, "#000000", 2, null);
        svg.text(X.applyAsDouble(out), yBar - 16, String.format(Locale.ROOT, "output %.3f", out), 11, "middle", true, 0, null);
        svg.line(X.applyAsDouble(base), yBar + bh, X.applyAsDouble(base), yBar + bh + 30, "#555555", 1, "3 3");
        svg.text(X.applyAsDouble(base), yBar + bh + 42, String.format(Locale.ROOT, "base value %.3f", base), 10, "middle");
        svg.text(left, h - 8, "red: pushes towards " + positiveName(r) + "   blue: pushes towards " + negativeName(r), 10, "start", false, 0, "#444444");
        return svg.end();
    }

    private static int[] byMeanAbs(double[][] shap, int p, int maxFeatures) {
        double[] m = new double[p];
        for (double[] row : shap) for (int j = 0; j < p; j++) m[j] += Math.abs(row[j]);
        Integer[] idx = new Integer[p];
        for (int j = 0; j < p; j++) idx[j] = j;
        Arrays.sort(idx, (a, b) -> Double.compare(m[b], m[a]));
        return Arrays.stream(idx).limit(Math.max(1, maxFeatures)).mapToInt(Integer::intValue).toArray();
    }

    /** Deterministic spread in [-1, 1] for the beeswarm (a van der Corput sequence, so rows look the same each run). */
    private static double jitter(int i) {
        double v = 0, f = 0.5;
        for (int n = i + 1; n > 0; n /= 2, f /= 2) v += f * (n % 2);
        return 2 * v - 1;
    }

    static String positiveName(EvaluationResults r) {
        return r.at("/meta/positive_class_name").asText("PNET");
    }

    static String negativeName(EvaluationResults r) {
        return r.at("/meta/negative_class_name").asText("cancer");
    }

    static String setLabel(EvaluationResults r, String set) {
        return set.equals("test") ? r.at("/meta/test_set_label").asText("test") : set;
    }

    private static List<JsonNode> rows(JsonNode array, String set) {
        List<JsonNode> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode n = it.next();
            if (n.path("set").asText().equals(set)) out.add(n);
        }
        return out;
    }

    private static double[] col(List<JsonNode> rows, String key) {
        return rows.stream().mapToDouble(n -> Json.num(n.get(key))).toArray();
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String blend(String from, String to, double t) {
        t = Math.max(0, Math.min(1, t));
        int a = Integer.parseInt(from.substring(1), 16), b = Integer.parseInt(to.substring(1), 16);
        int[] out = new int[3];
        for (int k = 0; k < 3; k++) {
            int ca = (a >> (16 - 8 * k)) & 0xff, cb = (b >> (16 - 8 * k)) & 0xff;
            out[k] = (int) Math.round(ca + (cb - ca) * t);
        }
        return String.format("#%02x%02x%02x", out[0], out[1], out[2]);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double[] append(double[] a, double v) {
        double[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    private static double sd(double[] v) {
        double m = Arrays.stream(v).average().orElse(0), ss = 0;
        for (double d : v) ss += (d - m) * (d - m);
        return v.length < 2 ? 0 : Math.sqrt(ss / (v.length - 1));
    }

    private static double min(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).max().orElse(0);
    }
}
