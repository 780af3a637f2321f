package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the evaluation report: one self-contained HTML page (well-formed XHTML syntax, inline SVG figures, inline
 * CSS, images as data: URIs, no scripts, no external references) laid out like the study's Tables 1-3 and figures,
 * with the machine-readable results beside it: results.json, scores.csv, metrics.csv, dca.csv and cic.csv.
 */
public final class HtmlReport {
    public static final String RESULTS_JSON = "results.json";
    public static final String SCORES_CSV = "scores.csv";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String DCA_CSV = "dca.csv";
    public static final String CIC_CSV = "cic.csv";
    private static final int SHAP_FEATURES = 15;

    private HtmlReport() {}

    /** Writes {@code html} and, in the same folder, results.json and the CSV files. Returns the paths written. */
    public static List<Path> write(EvaluationResults r, Path html) {
        Path dir = html.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Files.writeString(html, render(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + html + ": " + e.getMessage(), e);
        }
        r.write(dir.resolve(RESULTS_JSON));
        ResultCsv.writeAll(r, dir);
        return List.of(html, dir.resolve(RESULTS_JSON), dir.resolve(SCORES_CSV), dir.resolve(METRICS_CSV),
                dir.resolve(DCA_CSV), dir.resolve(CIC_CSV));
    }

    /** Renders a saved results.json again (for {@code eus-edge report BUNDLE}). */
    public static List<Path> rerender(Path resultsJson, Path html) {
        return write(EvaluationResults.read(resultsJson), html);
    }

    /** The HTML page as a string. */
    public static String render(EvaluationResults r) {
        Page p = new Page();
        String title = r.at("/meta/title").asText("Evaluation report");
        p.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>").text(title)
                .raw("</title><style>").raw(CSS).raw("</style></head><body>\n");
        p.raw("<h1>").text(title).raw("</h1>\n");
        cohort(p, r);
        methods(p, r);
        table1(p, r);
        table2(p, r);
        selection(p, r);
        learners(p, r);
        table3(p, r);
        nomogram(p, r);
        calibration(p, r);
        decisionCurves(p, r);
        explanations(p, r);
        p.raw("<p class=\"foot\">Machine-readable results beside this page: ").raw(RESULTS_JSON).raw(", ").raw(SCORES_CSV)
                .raw(", ").raw(METRICS_CSV).raw(", ").raw(DCA_CSV).raw(", ").raw(CIC_CSV).raw(".</p>\n");
        p.raw("</body></html>\n");
        return p.toString();
    }

    private static final String CSS = """
            body{font-family:"DejaVu Serif",Georgia,"Times New Roman",serif;color:#111;margin:24px auto;max-width:1180px;\
            line-height:1.35;font-size:14px}
            h1{font-size:22px;border-bottom:2px solid #333;padding-bottom:4px}
            h2{font-size:17px;margin-top:28px;border-bottom:1px solid #999}
            h3{font-size:14px;margin:14px 0 4px}
            table{border-collapse:collapse;margin:6px 0 12px;font-size:12.5px}
            caption{text-align:left;font-weight:bold;padding:4px 0}
            th,td{padding:3px 9px;text-align:right;vertical-align:top}
            th{border-top:1.5px solid #222;border-bottom:1px solid #222}
            tbody tr:last-child td{border-bottom:1.5px solid #222}
            td.l,th.l{text-align:left}
            td.sub{padding-left:22px;text-align:left;color:#333}
            .figs{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
            figure{margin:6px 0;break-inside:avoid;page-break-inside:avoid}
            figcaption{font-size:12px;color:#333;max-width:560px}
            ul.notes li{margin:3px 0}
            .warn{color:#8a1c1c}
            .foot{font-size:12px;color:#555;margin-top:30px}
            img.cam{max-width:360px;border:1px solid #999}
            @media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid;page-break-after:avoid}\
            tr,caption{break-inside:avoid;page-break-inside:avoid}}
            """;

    private static void cohort(Page p, EvaluationResults r) {
        JsonNode m = r.at("/meta");
        String pos = Figures.positiveName(r);
        p.raw("<p>Positive class: ").text(pos).raw(" (label 1); negative: ").text(Figures.negativeName(r)).raw(" (label 0). Train: ")
                .text(m.path("n_train").asText()).raw(" cases (").text(m.path("n_pos_train").asText() + " " + pos).raw("); ")
                .text(m.path("test_set_label").asText()).raw(": ").text(m.path("n_test").asText()).raw(" cases (")
                .text(m.path("n_pos_test").asText() + " " + pos).raw(").");
        if (r.at("/dl_signature/model").isTextual()) {
            p.raw(" DL signature learner: ").text(r.at("/dl_signature/model").asText()).raw(" (")
                    .text(r.at("/dl_signature/rule").asText()).raw(").");
        }
        p.raw("</p>\n");
    }

    private static void methods(Page p, EvaluationResults r) {
        p.raw("<h2>Methods and rules</h2>\n<ul class=\"notes\">\n");
        List<String> warnings = r.warnings();
        for (String n : r.notes()) {
            p.raw(warnings.contains(n) ? "<li class=\"warn\">" : "<li>").text(n).raw("</li>\n");
        }
        p.raw("</ul>\n");
    }

    private static void table1(Page p, EvaluationResults r) {
        JsonNode t = r.at("/clinical/table1");
        if (t.isMissingNode()) return;
        List<String> sets = new ArrayList<>();
        t.fieldNames().forEachRemaining(sets::add);
        p.raw("<h2>Table 1. Clinical characteristics</h2>\n<table><thead><tr><th class=\"l\">Variable</th>");
        for (String s : sets) {
            String label = Figures.setLabel(r, s);
            p.raw("<th>").text(Figures.positiveName(r) + " (" + label + ")").raw("</th><th>").text(Figures.negativeName(r) + " (" + label + ")")
                    .raw("</th><th>p</th>");
        }
        p.raw("</tr></thead><tbody>\n");
        JsonNode first = t.get(sets.get(0));
        for (int k = 0; k < first.size(); k++) {
            JsonNode row = first.get(k);
            boolean continuous = row.path("kind").asText().equals("continuous");
            p.raw("<tr><td class=\"l\">").text(row.path("variable").asText()).raw(continuous ? ", mean \u00b1 SD" : ", n (%)").raw("</td>");
            for (String s : sets) {
                JsonNode rs = t.get(s).get(k);
                if (continuous) {
                    p.cell(fmt(rs.path("mean_pos").asDouble(), 1) + " \u00b1 " + fmt(rs.path("sd_pos").asDouble(), 1))
                            .cell(fmt(rs.path("mean_neg").asDouble(), 1) + " \u00b1 " + fmt(rs.path("sd_neg").asDouble(), 1));
                } else {
                    p.cell("").cell("");
                }
                p.cell(pValue(rs.path("p")) + mark(rs.path("test").asText()));
            }
            p.raw("</tr>\n");
            if (!continuous) {
                JsonNode levels = row.path("levels");
                for (int l = 0; l < levels.size(); l++) {
                    p.raw("<tr><td class=\"sub\">= ").text(SvgChart.format(levels.get(l).path("value").asDouble())).raw("</td>");
                    for (String s : sets) {
                        JsonNode lv = t.get(s).get(k).path("levels").path(l);
                        p.cell(lv.isMissingNode() ? "" : lv.path("n_pos").asInt() + " (" + fmt(lv.path("pct_pos").asDouble(), 1) + ")")
                                .cell(lv.isMissingNode() ? "" : lv.path("n_neg").asInt() + " (" + fmt(lv.path("pct_neg").asDouble(), 1) + ")")
                                .cell("");
                    }
                    p.raw("</tr>\n");
                }
            }
        }
        p.raw("</tbody></table>\n<p class=\"foot\">p-values: ").text("\u1d40 Welch t-test; \u1d39 Mann-Whitney U; "
                + "\u1d9c chi-squared (Yates-corrected for 2 x 2 tables).").raw("</p>\n");
    }

    private static String mark(String test) {
        return switch (test) {
            case Table1.WELCH -> " \u1d40";
            case Table1.MANN_WHITNEY -> " \u1d39";
            case Table1.CHI2, Table1.CHI2_YATES -> " \u1d9c";
            default -> "";
        };
    }

    private static void table2(Page p, EvaluationResults r) {
        JsonNode uni = r.at("/clinical/univariable");
        if (uni.isMissingNode()) return;
        JsonNode multi = r.at("/clinical/multivariable/terms");
        p.raw("<h2>Table 2. Univariable and multivariable logistic regression (train)</h2>\n");
        p.raw("<table><thead><tr><th class=\"l\">Variable</th><th>Univariable OR (95% CI)</th><th>p</th>"
                + "<th>Multivariable OR (95% CI)</th><th>p</th></tr></thead><tbody>\n");
        uni.fieldNames().forEachRemaining(v -> {
            p.raw("<tr><td class=\"l\">").text(v).raw("</td>");
            orCells(p, uni.get(v));
            orCells(p, multi.path(v));
            p.raw("</tr>\n");
        });
        p.raw("</tbody></table>\n<p>Clinical signature variables: ").text(String.join(", ", strings(r.at("/clinical/signature_vars"))))
                .raw(" (").text(r.at("/clinical/signature_rule").asText()).raw(").</p>\n");
        figure(p, Figures.forest(r), "Forest plot of odds ratios (log scale); blue univariable, red multivariable.");
    }

    private static void orCells(Page p, JsonNode t) {
        if (t.has("error")) {
            p.cell("fit failed: " + t.path("error").asText()).cell("");
        } else if (!t.has("or")) {
            p.cell("\u2014").cell("");
        } else {
            p.cell(fmt(t.path("or").asDouble(), 3) + " (" + fmt(t.path("or_ci_low").asDouble(), 3) + "\u2013"
                    + fmt(t.path("or_ci_high").asDouble(), 3) + ")").cell(pValue(t.path("p")));
        }
    }

    private static void selection(Page p, EvaluationResults r) {
        JsonNode s = r.at("/selection");
        p.raw("<h2>Deep-feature selection</h2>\n");
        if (s.isMissingNode()) {
            p.raw("<p class=\"warn\">No deep feature survived selection; there is no DL signature.</p>\n");
            return;
        }
        p.raw("<p>Mann-Whitney U (p &lt; 0.05): ").text(s.path("mwu_kept").size() + " kept; Spearman |\u03c1| > 0.9 filter: "
                + s.path("spearman_pairs_over_0.9").size() + " correlated pairs, " + s.path("spearman_kept").size()
                + " kept; LASSO (10-fold CV): " + s.path("lasso_kept").size() + " kept; classifiers use "
                + s.path("model_features").size() + " features (" + s.path("model_features_source").asText() + ").").raw("</p>\n");
        p.raw("<div class=\"figs\">");
        figure(p, Figures.lassoCv(r), "LASSO cross-validation error against log(\u03bb); dashed line: chosen \u03bb (minimum mean CV error).");
        figure(p, Figures.lassoPath(r), "LASSO coefficient path; dashed line: chosen \u03bb.");
        p.raw("</div>\n");
        JsonNode coef = s.path("lasso").path("coef");
        if (coef.size() > 0) {
            p.raw("<table><caption>Kept LASSO coefficients</caption><thead><tr>");
            int cols = Math.min(4, coef.size());
            for (int c = 0; c < cols; c++) p.raw("<th class=\"l\">Feature</th><th>Coefficient</th>");
            p.raw("</tr></thead><tbody>\n");
            List<String> names = new ArrayList<>();
            coef.fieldNames().forEachRemaining(names::add);
            int rows = (names.size() + cols - 1) / cols;
            for (int i = 0; i < rows; i++) {
                p.raw("<tr>");
                for (int c = 0; c < cols; c++) {
                    int k = c * rows + i;
                    if (k < names.size()) p.raw("<td class=\"l\">").text(names.get(k)).raw("</td>").cell(fmt(coef.get(names.get(k)).asDouble(), 4));
                    else p.cell("").cell("");
                }
                p.raw("</tr>\n");
            }
            p.raw("</tbody></table>\n");
        }
    }

    private static void learners(Page p, EvaluationResults r) {
        JsonNode models = r.at("/models");
        if (models.isMissingNode()) return;
        p.raw("<h2>Learner comparison</h2>\n<table><thead><tr><th class=\"l\">Learner</th><th>CV AUC, mean \u00b1 SD</th>"
                + "<th>Train AUC (refit)</th><th>").text(r.at("/meta/test_set_label").asText()).raw(" AUC (95% CI)</th><th class=\"l\">Status</th></tr></thead><tbody>\n");
        models.fieldNames().forEachRemaining(name -> {
            JsonNode m = models.get(name);
            p.raw("<tr><td class=\"l\">").text(name).raw("</td>");
            if (m.has("auc_cv_mean")) {
                p.cell(fmt(m.path("auc_cv_mean").asDouble(), 3) + " \u00b1 " + fmt(m.path("auc_cv_sd").asDouble(), 3))
                        .cell(fmt(m.path("auc_train").asDouble(), 3)).cell(aucCi(m, "test"));
            } else {
                p.cell("").cell("").cell("");
            }
            p.raw("<td class=\"l\">").text(m.path("status").asText()).raw("</td></tr>\n");
        });
        p.raw("</tbody></table>\n");
        figure(p, Figures.learners(r), "Mean 5-fold CV AUC (bars, \u00b1 SD) with the refit models' train and "
                + r.at("/meta/test_set_label").asText() + " AUC.");
    }

    private static void table3(Page p, EvaluationResults r) {
        p.raw("<h2>Table 3. Performance of the signatures</h2>\n");
        for (String rule : List.of("youden", "p0.5")) {
            p.raw("<table><caption>").text(rule.equals("youden") ? "At the Youden threshold chosen on train" : "At the fixed threshold 0.5")
                    .raw("</caption><thead><tr><th class=\"l\">Signature</th><th class=\"l\">Set</th><th>AUC (95% CI)</th><th>Threshold</th>"
                            + "<th>Accuracy</th><th>Sensitivity</th><th>Specificity</th><th>PPV</th><th>NPV</th></tr></thead><tbody>\n");
            for (String s : r.signatureNames()) {
                for (String set : List.of("train", "test")) {
                    JsonNode c = r.at("/signatures/" + s + "/metrics/" + set + "/" + rule);
                    if (c.isMissingNode()) continue;
                    p.raw("<tr><td class=\"l\">").text(s).raw("</td><td class=\"l\">").text(Figures.setLabel(r, set)).raw("</td>")
                            .cell(aucCi(r.at("/signatures/" + s), set)).cell(fmt(c.path("threshold").asDouble(), 3));
                    for (String k : List.of("accuracy", "sensitivity", "specificity", "ppv", "npv")) p.cell(fmt(Json.num(c.get(k)), 3));
                    p.raw("</tr>\n");
                }
            }
            p.raw("</tbody></table>\n");
        }
        p.raw("<table><caption>Paired DeLong tests</caption><thead><tr><th class=\"l\">Comparison</th><th class=\"l\">Set</th>"
                + "<th>AUC 1</th><th>AUC 2</th><th>z</th><th>p</th></tr></thead><tbody>\n");
        for (String set : List.of("train", "test")) {
            JsonNode tests = r.at("/delong/signatures_" + set);
            tests.fieldNames().forEachRemaining(k -> {
                JsonNode t = tests.get(k);
                p.raw("<tr><td class=\"l\">").text(t.path("roc1").asText() + " vs " + t.path("roc2").asText()).raw("</td><td class=\"l\">")
                        .text(Figures.setLabel(r, set)).raw("</td>").cell(fmt(t.path("auc1").asDouble(), 3))
                        .cell(fmt(t.path("auc2").asDouble(), 3)).cell(fmt(Json.num(t.get("z")), 3)).cell(pValue(t.path("p")));
                p.raw("</tr>\n");
            });
        }
        p.raw("</tbody></table>\n<div class=\"figs\">");
        figure(p, Figures.roc(r, "train"), "ROC curves on train (DL_sig and Clinic_sig out-of-fold).");
        figure(p, Figures.roc(r, "test"), "ROC curves on " + r.at("/meta/test_set_label").asText() + ".");
        p.raw("</div>\n<h3>Confusion matrices at the Youden threshold</h3>\n<div class=\"figs\">");
        for (String set : List.of("train", "test")) for (String s : r.signatureNames()) figure(p, Figures.confusion(r, s, set), null);
        p.raw("</div>\n");
    }

    private static void nomogram(Page p, EvaluationResults r) {
        JsonNode n = r.at("/nomogram");
        if (!n.has("coef")) return;
        p.raw("<h2>Nomogram</h2>\n<p>").text(n.path("formula").asText()).raw("</p>\n");
        p.raw("<table><caption>Coefficients</caption><thead><tr><th class=\"l\">Term</th><th>Coefficient</th><th>SE</th>"
                + "<th>Wald p</th></tr></thead><tbody>\n");
        n.path("coef").fieldNames().forEachRemaining(k -> {
            p.raw("<tr><td class=\"l\">").text(k).raw("</td>").cell(fmt(n.path("coef").path(k).asDouble(), 4))
                    .cell(fmt(n.path("se").path(k).asDouble(), 4)).cell(pValue(n.path("wald_p").path(k)));
            p.raw("</tr>\n");
        });
        JsonNode st = n.path("stats");
        p.raw("</tbody></table>\n<p>Model LR \u03c7\u00b2 = ").text(fmt(st.path("Model L.R.").asDouble(), 2)).raw(" (d.f. ")
                .text(st.path("d.f.").asText()).raw("), C = ").text(fmt(st.path("C").asDouble(), 3)).raw(", Dxy = ")
                .text(fmt(st.path("Dxy").asDouble(), 3)).raw(", Nagelkerke R\u00b2 = ").text(fmt(st.path("R2").asDouble(), 3))
                .raw(", Brier = ").text(fmt(st.path("Brier").asDouble(), 4)).raw(".");
        JsonNode cv = n.path("cross_validation");
        if (cv.isObject()) {
            p.raw(" Cross-validated (").text(cv.path("folds").asText()).raw("-fold) AUC of the nomogram: ")
                    .text(fmt(cv.path("auc_cv").asDouble(), 3)).raw("; best single signature ").text(cv.path("best_single_signature").asText())
                    .raw(": ").text(fmt(cv.path("best_single_auc_train_oof").asDouble(), 3)).raw(".");
        }
        p.raw("</p>\n");
        figure(p, Figures.nomogram(r), "Nomogram: read each signature's points, add them, and read the risk of " + Figures.positiveName(r) + " "
                + "under the total. The predictor with the widest effect range spans 100 points.");
        p.raw("<div class=\"figs\"><table><caption>Points per predictor value</caption><thead><tr><th class=\"l\">Predictor</th>"
                + "<th>Value</th><th>Points</th></tr></thead><tbody>\n");
        n.path("points").fieldNames().forEachRemaining(k -> {
            double[] v = Json.doubles(n.path("points").path(k).path("values"));
            double[] pts = Json.doubles(n.path("points").path(k).path("points"));
            for (int i = 0; i < v.length; i++) {
                p.raw("<tr><td class=\"l\">").text(i == 0 ? k : "").raw("</td>").cell(SvgChart.format(v[i])).cell(fmt(pts[i], 1)).raw("</tr>\n");
            }
        });
        p.raw("</tbody></table>\n<table><caption>Total points to probability</caption><thead><tr><th>Total points</th>"
                + "<th>Probability of ").text(Figures.positiveName(r)).raw("</th></tr></thead><tbody>\n");
        double[] tp = Json.doubles(n.path("total_points_to_prob").path("total_points"));
        double[] pr = Json.doubles(n.path("total_points_to_prob").path("prob"));
        for (int i = 0; i < tp.length; i++) p.raw("<tr>").cell(fmt(tp[i], 0)).cell(fmt(pr[i], 3)).raw("</tr>\n");
        p.raw("</tbody></table></div>\n");
    }

    private static void calibration(Page p, EvaluationResults r) {
        p.raw("<h2>Calibration</h2>\n<div class=\"figs\">");
        figure(p, Figures.calibrationTrain(r), "Train: apparent and bootstrap bias-corrected calibration of the nomogram "
                + "(rms calibrate); mean absolute error of the bias-corrected curve.");
        figure(p, Figures.calibrationSet(r, "test"), "Observed against predicted on "
                + r.at("/meta/test_set_label").asText() + ": lowess curve and deciles of predicted risk.");
        p.raw("</div>\n<table><thead><tr><th class=\"l\">Set</th><th>MAE (lowess)</th><th>Max error</th><th>Brier</th>"
                + "<th>Intercept</th><th>Slope</th><th>MAE (deciles)</th></tr></thead><tbody>\n");
        for (String set : List.of("train", "test")) {
            JsonNode v = r.at("/calibration/" + set);
            if (v.isMissingNode()) continue;
            p.raw("<tr><td class=\"l\">").text(Figures.setLabel(r, set)).raw("</td>").cell(fmt(v.path("mae_lowess").asDouble(), 3))
                    .cell(fmt(v.path("max_error_lowess").asDouble(), 3)).cell(fmt(v.path("brier").asDouble(), 3))
                    .cell(fmt(Json.num(v.get("intercept")), 3)).cell(fmt(Json.num(v.get("slope")), 3))
                    .cell(fmt(v.path("binned_quantile10").path("mae_binned").asDouble(), 3)).raw("</tr>\n");
        }
        p.raw("</tbody></table>\n");
    }

    private static void decisionCurves(Page p, EvaluationResults r) {
        p.raw("<h2>Decision curves and clinical impact</h2>\n<div class=\"figs\">");
        figure(p, Figures.decisionCurve(r, "train"), "Net benefit on train against the threshold probability.");
        figure(p, Figures.decisionCurve(r, "test"), "Net benefit on " + r.at("/meta/test_set_label").asText() + ".");
        figure(p, Figures.clinicalImpact(r, "train", ResultsBuilder.NOMOGRAM), "Clinical impact of the nomogram on train, per 1000 patients.");
        figure(p, Figures.clinicalImpact(r, "test", ResultsBuilder.NOMOGRAM), "Clinical impact of the nomogram on "
                + r.at("/meta/test_set_label").asText() + ", per 1000 patients.");
        p.raw("</div>\n");
    }

    private static void explanations(Page p, EvaluationResults r) {
        JsonNode e = r.at("/explanations");
        if (e.isMissingNode()) return;
        p.raw("<h2>Explanations</h2>\n<div class=\"figs\">");
        figure(p, Figures.shapBeeswarm(r, SHAP_FEATURES), "SHAP values of the DL signature's features, one dot per case.");
        figure(p, Figures.shapBars(r, SHAP_FEATURES), "Mean absolute SHAP value per feature.");
        p.raw("</div>\n");
        for (int i = 0; i < e.path("forces").size(); i++) {
            figure(p, Figures.forcePlot(r, i), "Additive explanation of case " + e.at("/forces/" + i + "/case_id").asText()
                    + ": contributions from the base value to the output.");
        }
        JsonNode images = e.path("images");
        if (images.size() > 0) {
            p.raw("<div class=\"figs\">");
            for (JsonNode img : images) {
                p.raw("<figure><img class=\"cam\" alt=\"").text(img.path("caption").asText()).raw("\" src=\"data:image/png;base64,")
                        .raw(img.path("png_base64").asText().replaceAll("[^A-Za-z0-9+/=]", "")).raw("\"/><figcaption>")
                        .text(img.path("caption").asText()).raw("</figcaption></figure>");
            }
            p.raw("</div>\n");
        }
    }

    private static void figure(Page p, String svg, String caption) {
        if (svg == null) return;
        p.raw("<figure>").raw(svg);
        if (caption != null) p.raw("<figcaption>").text(caption).raw("</figcaption>");
        p.raw("</figure>\n");
    }

    private static String aucCi(JsonNode m, String set) {
        if (!m.has("auc_" + set)) return "\u2014";
        JsonNode ci = m.path("auc_" + set + "_ci_delong");
        return fmt(m.path("auc_" + set).asDouble(), 3) + " (" + fmt(ci.path(0).asDouble(), 3) + "\u2013" + fmt(ci.path(1).asDouble(), 3) + ")";
    }

    static String fmt(double v, int decimals) {
        if (!Double.isFinite(v)) return "\u2014";
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String pValue(JsonNode p) {
        double v = Json.num(p);
        if (!Double.isFinite(v)) return "\u2014";
        return v < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The page under construction: raw markup, or text that is escaped. */
    private static final class Page {
        private final StringBuilder b = new StringBuilder(1 << 16);

        Page raw(String s) {
            b.append(s);
            return this;
        }

        Page text(String s) {
            b.append(Svg.escape(s));
            return this;
        }

        Page cell(String s) {
            b.append("<td>").append(Svg.escape(s)).append("</td>");
            return this;
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }
}
