package org.eusedge.model;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eusedge.explain.Explainer;
import org.eusedge.explain.Explanation;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.InvalidRoiException;
import org.eusedge.imaging.PolygonRoi;
import org.eusedge.inference.BackboneImporter;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.testing.SharedData;
import org.eusedge.testing.SmallBundle;
import org.eusedge.training.BundleWriter;
import org.eusedge.training.Cohort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Train on a small synthetic image cohort with the project's ResNet18 through ONNX Runtime, then score the training
 * images through the appliance's path: the probabilities must be the trainer's (no train/serve skew).
 */
class ImageScoringTest {
    @TempDir static Path tmp;
    static Bundle bundle;
    static Cohort cohort;
    static Scorer scorer;
    static Map<String, Double> trainerProbability = new HashMap<>();

    @BeforeAll
    static void trainSmallBundle() throws Exception {
        cohort = SmallBundle.cohort();
        bundle = SmallBundle.bundle();
        try (Reader r = Files.newBufferedReader(bundle.file(BundleWriter.CASES_FILE))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                trainerProbability.put(rec.get("id"), Double.parseDouble(rec.get("probability")));
            }
        }
        scorer = Scorer.open(bundle, BackboneOptions.defaults());
    }

    @AfterAll
    static void close() {
        if (scorer != null) scorer.close();
    }

    static Map<String, Object> clinicalOf(Cohort.Case c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int j = 0; j < cohort.clinicalNames().size(); j++) m.put(cohort.clinicalNames().get(j), c.clinical()[j]);
        return m;
    }

    @Test
    void scoringATrainingImageGivesTheTrainersProbability() {
        for (Cohort.Case c : cohort.cases().subList(0, 6)) {
            Prediction p = scorer.score(GreyImage.read(c.image()), c.roi(), clinicalOf(c)).prediction();
            // float features pass through the CSV as written; the backbone is deterministic on the same input
            assertEquals(trainerProbability.get(c.id()), p.probability(), 1e-6, c.id());
            assertEquals("cpu", p.executionProvider());
            assertEquals(bundle.modelId(), p.modelId());
            double total = p.nomogramPoints().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(p.totalPoints(), total, 1e-9);
            assertEquals(bundle.pipeline().nomogram().probabilityOfTotal(total), p.probability(), 1e-9);
            assertTrue(p.timingsMs().keySet().containsAll(List.of("crop", "backbone", "scoring", "total")));
        }
    }

    @Test
    void polygonOutsideTheFrameIsRefusedBeforeInference() {
        Cohort.Case c = cohort.cases().get(0);
        GreyImage frame = GreyImage.read(c.image());
        var roi = new PolygonRoi(new double[] {10, frame.width() + 50, 10}, new double[] {10, 10, 60});
        var e = assertThrows(InvalidRoiException.class, () -> scorer.score(frame, roi, clinicalOf(c)));
        assertTrue(e.getMessage().toLowerCase().contains("outside"), e.getMessage());
    }

    @Test
    void impossibleClinicalValueIsRefused() {
        Cohort.Case c = cohort.cases().get(0);
        Map<String, Object> clinical = clinicalOf(c);
        clinical.put("age", -3);
        var e = assertThrows(InvalidInputException.class, () -> scorer.score(GreyImage.read(c.image()), c.roi(), clinical));
        assertTrue(e.getMessage().contains("'age' = -3.0 is impossible"), e.getMessage());
    }

    @Test
    void backboneThatDoesNotMatchThePipelineIsRefused() throws Exception {
        // a mis-assembled bundle: correctly sealed, but its backbone is an imported MobileNetV2 (1280 features)
        Path copy = tmp.resolve("mismatch");
        Files.createDirectories(copy);
        try (var files = Files.list(bundle.dir())) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        BackboneImporter.importTo(SharedData.path("models/mobilenetv2-12-int8.onnx"), copy.resolve(BundleWriter.BACKBONE_FILE));
        Bundle.seal(copy, List.of(Bundle.PIPELINE, Bundle.PROVENANCE, BundleWriter.FEATURES_FILE, BundleWriter.CASES_FILE,
                BundleWriter.BACKBONE_FILE));
        Bundle resealed = Bundle.load(copy);
        var e = assertThrows(BundleException.class, () -> Scorer.open(resealed, BackboneOptions.defaults()));
        assertTrue(e.getMessage().contains("backbone gives 1280 pooled features but the pipeline was trained on 512"), e.getMessage());
    }

    @Test
    void explanationsExplainTheShownResult() {
        Cohort.Case c = cohort.cases().get(1);
        Scorer.Scoring scoring = scorer.score(GreyImage.read(c.image()), c.roi(), clinicalOf(c));
        Explainer explainer = new Explainer(scorer);
        Prediction p = explainer.explain(scoring);
        Explanation e = (Explanation) p.explanation();

        // SHAP efficiency: base + contributions = the very outputs the result shows
        assertEquals(p.dlSignature(), e.deepSignature().output(), 1e-12);
        assertEquals(p.probability(), e.nomogram().output(), 1e-12);
        for (Explanation.Shap s : List.of(e.deepSignature(), e.nomogram())) {
            double sum = s.base() + s.others() + s.top().stream().mapToDouble(Explanation.Contribution::shap).sum();
            assertEquals(s.output(), sum, 1e-6);
        }
        // two players: exact Shapley values of the nomogram over its weighted background, from the definition
        Pipeline pl = bundle.pipeline();
        var bg = pl.explanations().nomogramBackground();
        double[] x = pl.signatures(p.dlSignature(), p.clinicalSignature());
        double v0 = 0, v1 = 0, v2 = 0, w = 0;
        for (int i = 0; i < bg.rows().length; i++) {
            double[] b = bg.rows()[i];
            v0 += bg.weights()[i] * pl.nomogram().probability(b);
            v1 += bg.weights()[i] * pl.nomogram().probability(new double[] {x[0], b[1]});
            v2 += bg.weights()[i] * pl.nomogram().probability(new double[] {b[0], x[1]});
            w += bg.weights()[i];
        }
        v0 /= w; v1 /= w; v2 /= w;
        double fx = pl.nomogram().probability(x);
        double phiDl = 0.5 * (v1 - v0) + 0.5 * (fx - v2);
        double shownDl = e.nomogram().top().stream().filter(k -> k.feature().equals("DL_sig")).findFirst().orElseThrow().shap();
        assertEquals(phiDl, shownDl, 1e-9);

        // Grad-CAM: normalised grid on the backbone's 7x7 map, its peak inside the crop box, for the class shown
        Explanation.Cam cam = e.gradCam();
        assertEquals(p.decision(), cam.targetClass());
        assertEquals(49, cam.grid().length);
        float max = 0;
        for (float v : cam.grid()) { assertTrue(v >= 0 && v <= 1); max = Math.max(max, v); }
        assertEquals(1f, max, 1e-6);
        assertTrue(cam.peakX() >= cam.box().x0() && cam.peakX() <= cam.box().x1() && cam.peakY() >= cam.box().y0()
                && cam.peakY() <= cam.box().y1());
        assertTrue(p.timingsMs().containsKey("shap") && p.timingsMs().containsKey("gradcam"));
        byte[] png = Explainer.overlayPng(GreyImage.read(c.image()), cam);
        assertEquals(GreyImage.read(c.image()).width(), GreyImage.of(readPng(png)).width());
    }

    private static java.awt.image.BufferedImage readPng(byte[] png) {
        try {
            return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }
}
