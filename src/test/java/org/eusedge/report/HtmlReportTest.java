package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.eusedge.testing.SharedData;
import org.eusedge.training.selection.SelectionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report page is well-formed, self-contained, and carries every figure with its axis labels and legends. */
class HtmlReportTest {

    /** Set -Deusedge.report.dir=DIR to keep the page for a look in a browser (tests otherwise use a temp folder). */
    private static Path outDir(Path temp) throws Exception {
        String keep = System.getProperty("eusedge.report.dir");
        if (keep == null) return temp;
        Path p = Path.of(keep);
        Files.createDirectories(p);
        return p;
    }

    @Test
    void writesAWellFormedSelfContainedReportWithEveryFigure(@TempDir Path temp) throws Exception {
        EvaluationResults base = ReferenceExample.results();
        EvaluationResults r = withExplanations(base);
        Path html = outDir(temp).resolve("report.html");
        List<Path> written = HtmlReport.write(r, html);
        for (Path p : written) assertTrue(Files.size(p) > 0, p + " written");
        String page = Files.readString(html);

        Document doc = parse(page);
        NodeList svgs = doc.getElementsByTagName("svg");
        // ROC x2, LASSO x2, learners, forest, confusion x6, nomogram, calibration x2, DCA x2, CIC x2, SHAP x3
        assertEquals(22, svgs.getLength(), "figure count");
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            assertFalse(svg.getElementsByTagName("title").item(0).getTextContent().isBlank(), "every figure has a title");
            assertTrue(svg.getElementsByTagName("text").getLength() >= 5, "figure " + i + " has text (axes, labels)");
        }

        assertFalse(page.contains("http:") || page.contains("https:") || page.contains("file:"), "no external address");
        assertFalse(page.contains("<script") || page.contains("<link") || page.contains("@import"), "no scripts or linked assets");
        Matcher src = Pattern.compile("src=\"([^\"]{0,30})").matcher(page);
        int images = 0;
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), "src= only as embedded PNG, got " + src.group(1));
            images++;
        }
        assertEquals(1, images, "the Grad-CAM slot is filled");
        Matcher url = Pattern.compile("url\\(([^)]*)\\)").matcher(page);
        while (url.find()) assertTrue(url.group(1).startsWith("#"), "url() only to clip paths in the page");

        for (String label : List.of("1 \u2212 specificity", "Sensitivity", "log(\u03bb)", "Mean squared error", "Coefficient",
                "Odds ratio (log scale)", "Predicted probability", "Observed proportion", "Threshold probability", "Net benefit",
                "Number per 1000 patients", "Total Points", "Risk of PNET", "SHAP value (impact on DL signature)", "mean |SHAP value|")) {
            assertTrue(svgText(doc).contains(label), "axis label '" + label + "'");
        }
        for (String legend : List.of("Nomogram  AUC 0.903 (", "DL_sig  AUC 0.863 (", "Clinic_sig  AUC 0.846 (", "Treat all",
                "Treat none", "Apparent", "Bias-corrected", "Ideal", "Lowess", "univariable", "multivariable",
                "mean 5-fold CV AUC \u00b1 SD", "Number high risk with event", "Mean absolute error = ")) {
            assertTrue(svgText(doc).contains(legend), "legend or note '" + legend + "'");
        }
        for (String heading : List.of("Methods and rules", "Table 1. Clinical characteristics",
                "Table 2. Univariable and multivariable logistic regression (train)", "Table 3. Performance of the signatures",
                "Nomogram", "Calibration", "Decision curves and clinical impact", "Explanations", "Learner comparison")) {
            assertTrue(page.contains("<h2>" + heading + "</h2>"), "section " + heading);
        }
        for (String note : r.notes()) assertTrue(page.contains(Svg.escape(note)), "note printed: " + note);
        JsonNode ref = ReferenceExample.reference().at("/signatures/Nomogram");
        String expected = String.format(java.util.Locale.ROOT, "%.3f (%.3f\u2013%.3f)", ref.get("auc_test").asDouble(),
                ref.at("/auc_test_ci_delong/0").asDouble(), ref.at("/auc_test_ci_delong/1").asDouble());
        assertTrue(page.contains("<td>" + expected + "</td>"), "Table 3 shows the nomogram's test AUC with pROC's CI " + expected);
    }

    @Test
    void csvFilesHoldEveryCaseAndCurveRow(@TempDir Path temp) throws Exception {
        EvaluationResults r = ReferenceExample.results();
        HtmlReport.write(r, temp.resolve("report.html"));
        List<String> dca = Files.readAllLines(temp.resolve(HtmlReport.DCA_CSV));
        assertEquals("set,threshold,treat_all,treat_none,DL_sig,Clinic_sig,Nomogram", dca.get(0));
        assertEquals(1 + 198, dca.size());
        List<String> scores = Files.readAllLines(temp.resolve(HtmlReport.SCORES_CSV));
        assertEquals(1 + 186 + 80, scores.size());
        String[] header = scores.get(0).split(",");
        String[] firstTest = scores.get(1 + 186).split(",");
        int nomo = List.of(header).indexOf("Nomogram");
        assertEquals(ReferenceExample.reference().at("/scores/Nomogram/test/0").asDouble(), Double.parseDouble(firstTest[nomo]), 0);
        assertEquals(1 + 594, Files.readAllLines(temp.resolve(HtmlReport.CIC_CSV)).size());
        String metrics = Files.readString(temp.resolve(HtmlReport.METRICS_CSV));
        assertTrue(metrics.contains("signatures,Nomogram,test,youden,0.902857142857"), metrics.lines().limit(3).toList().toString());
    }

    @Test
    void savedResultsRenderAgainToTheSamePage(@TempDir Path temp) throws Exception {
        EvaluationResults r = ReferenceExample.results();
        Path first = temp.resolve("a/report.html");
        HtmlReport.write(r, first);
        Path second = temp.resolve("b/report.html");
        HtmlReport.rerender(temp.resolve("a/" + HtmlReport.RESULTS_JSON), second);
        assertEquals(Files.readString(first), Files.readString(second));
        JsonNode reread = EvaluationResults.read(temp.resolve("b/" + HtmlReport.RESULTS_JSON)).json();
        assertEquals(EvaluationResults.MAPPER.writeValueAsString(r.json()), EvaluationResults.MAPPER.writeValueAsString(reread),
                "results.json round-trips");
    }

    @Test
    void withoutDeepFeaturesTheReportSaysSoAndTheNomogramUsesTheClinicalSignature(@TempDir Path temp) throws Exception {
        JsonNode ref = ReferenceExample.reference();
        EvaluationResults r = new ResultsBuilder(ReferenceExample.yTrain(), ReferenceExample.yTest())
                .signatures(null, ReferenceExample.scores("Clinic_sig"), ReferenceExample.scores("Clinic_sig"))
                .learners(List.of(LearnerSummary.skipped("LightGBM", "its natives are x86_64-only")), null)
                .clinical(ReferenceExample.CLINICAL, ReferenceExample.columns("train", ReferenceExample.CLINICAL), null,
                        ReferenceExample.clinicalSelection())
                .calibration(50, 1)
                .build();
        assertEquals(List.of("Clinic_sig", "Nomogram"), r.signatureNames());
        assertTrue(r.at("/nomogram/points/DL_sig").isMissingNode());
        assertEquals(100, r.at("/nomogram/points/Clinic_sig/points").get(r.at("/nomogram/points/Clinic_sig/points").size() - 1).asDouble(), 1e-9,
                "a single predictor spans the whole 100-point scale");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("No deep feature passed")));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("LightGBM skipped: its natives are x86_64-only")));
        assertEquals("skipped: its natives are x86_64-only", r.at("/models/LightGBM/status").asText());
        assertEquals(ref.at("/signatures/Clinic_sig/auc_test").asDouble(), r.at("/signatures/Clinic_sig/auc_test").asDouble(), 1e-9);
        Path html = outDir(temp).resolve("no-deep/report.html");
        HtmlReport.write(r, html);
        String page = Files.readString(html);
        parse(page);
        assertTrue(page.contains("No deep feature survived selection"));
        assertFalse(svgText(parse(page)).contains("DL_sig  AUC"), "no DL_sig curve is drawn");
    }

    /**
     * Real explanations of a real model for the SHAP slots: the LASSO refit on the kept z-scores is linear, so its
     * exact SHAP values are coef_j (z_j - mean z_j) (Lundberg and Lee 2017, linear model with independent features);
     * the Grad-CAM slot gets a real ultrasound image (downscaled PNG).
     */
    static EvaluationResults withExplanations(EvaluationResults base) throws Exception {
        SelectionResult sel = ReferenceExample.selection();
        List<String> kept = sel.lassoKept();
        double[][] z = sel.standardiser().subset(kept).apply(ReferenceExample.columns("train", kept.toArray(String[]::new)));
        double[] coef = kept.stream().mapToDouble(k -> sel.lasso().coefficients().get(k)).toArray();
        double[] mean = new double[coef.length];
        for (double[] row : z) for (int j = 0; j < coef.length; j++) mean[j] += row[j] / z.length;
        double[][] shap = new double[z.length][coef.length];
        for (int i = 0; i < z.length; i++) for (int j = 0; j < coef.length; j++) shap[i][j] = coef[j] * (z[i][j] - mean[j]);
        double baseValue = sel.lasso().intercept();
        for (int j = 0; j < coef.length; j++) baseValue += coef[j] * mean[j];
        Explanations.ForceCase force = new Explanations.ForceCase(ReferenceExample.reference().at("/scores/id_train/0").asText(),
                baseValue, shap[0], z[0]);
        double prediction = sel.lasso().intercept();
        for (int j = 0; j < coef.length; j++) prediction += coef[j] * z[0][j];
        assertEquals(prediction, force.output(), 1e-12, "SHAP additivity: base + contributions = the model's output");

        BufferedImage src = ImageIO.read(SharedData.path("data/breast-lesions-usg/images/case104.png").toFile());
        BufferedImage small = new BufferedImage(320, 320 * src.getHeight() / src.getWidth(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.drawImage(src, 0, 0, small.getWidth(), small.getHeight(), null);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(small, "png", png);

        Explanations e = new Explanations(kept, shap, z, List.of(force),
                List.of(new Explanations.Image("Grad-CAM slot: breast ultrasound case104 (BrEaST)", png.toByteArray())));
        ResultsBuilder b = new ResultsBuilder(ReferenceExample.yTrain(), ReferenceExample.yTest())
                .title(base.at("/meta/title").asText())
                .signatures(ReferenceExample.scores("DL_sig"), ReferenceExample.scores("Clinic_sig"), ReferenceExample.scores("Nomogram"))
                .learners(ReferenceExample.learners(), "MLP")
                .selection(sel)
                .clinical(ReferenceExample.CLINICAL, ReferenceExample.columns("train", ReferenceExample.CLINICAL),
                        ReferenceExample.columns("test", ReferenceExample.CLINICAL), ReferenceExample.clinicalSelection())
                .nomogramFolds(Json.ints(ReferenceExample.reference().at("/model_cv_fold")))
                .explanations(e);
        return b.build();
    }

    static Document parse(String page) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(page.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String svgText(Document doc) {
        NodeList svgs = doc.getElementsByTagName("svg");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < svgs.getLength(); i++) out.add(svgs.item(i).getTextContent());
        return String.join("\n", out);
    }
}
