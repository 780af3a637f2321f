package org.eusedge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleJson;
import org.eusedge.testing.SharedData;
import org.eusedge.testing.SmallBundle;
import org.eusedge.training.Cohort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: real files in, one JSON out, and a plain message for each mistake. */
class CommandLineTest {
    @TempDir static Path tmp;
    static Bundle bundle;
    static Cohort.Case aCase;
    static Path clinical;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        bundle = SmallBundle.bundle();
        Cohort cohort = SmallBundle.cohort();
        aCase = cohort.cases().get(2);
        var facts = BundleJson.MAPPER.createObjectNode();
        for (int j = 0; j < cohort.clinicalNames().size(); j++) facts.put(cohort.clinicalNames().get(j), aCase.clinical()[j]);
        clinical = tmp.resolve("clinical.json");
        Files.writeString(clinical, facts.toString());
    }

    private Run score(String... more) {
        String[] base = {"score", "--bundle", bundle.dir().toString(), "--image", aCase.image().toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return run(all);
    }

    @Test
    void scorePrintsOneJsonResultWithExplanationsAndAnOverlay() throws Exception {
        Path png = tmp.resolve("cam.png");
        Run r = score("--mask", aCase.mask().toString(), "--clinical", clinical.toString(), "--gradcam-png", png.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = BundleJson.MAPPER.readTree(r.out());
        double p = json.get("probability").asDouble();
        assertTrue(p > 0 && p < 1);
        assertEquals(bundle.modelId(), json.get("model_id").asText());
        assertEquals("cpu", json.get("execution_provider").asText());
        assertTrue(json.at("/explanation/grad_cam/grid").size() == 49, r.out());
        assertTrue(json.at("/explanation/nomogram/top").size() >= 1);
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void polygonOutsideTheFrameIsRefusedWithTheRule() throws Exception {
        Path roi = tmp.resolve("outside.json");
        Files.writeString(roi, "{\"polygon\": [[10, 10], [5000, 10], [10, 80]]}");
        Run r = score("--roi", roi.toString(), "--clinical", clinical.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("OUTSIDE_FRAME") || r.err().toLowerCase().contains("outside"), r.err());
    }

    @Test
    void tooFewVerticesAreRefused() throws Exception {
        Path roi = tmp.resolve("two.json");
        Files.writeString(roi, "{\"polygon\": [[10, 10], [50, 10]]}");
        Run r = score("--roi", roi.toString(), "--clinical", clinical.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("3"), r.err());
    }

    @Test
    void impossibleAgeIsRefused() throws Exception {
        Path bad = tmp.resolve("age.json");
        Files.writeString(bad, Files.readString(clinical).replaceFirst("\"age\":[0-9.]+", "\"age\":-3"));
        Run r = score("--mask", aCase.mask().toString(), "--clinical", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'age' = -3.0 is impossible"), r.err());
    }

    @Test
    void malformedClinicalJsonIsRefused() throws Exception {
        Path bad = tmp.resolve("broken.json");
        Files.writeString(bad, "{\"age\": 50,");
        Run r = score("--mask", aCase.mask().toString(), "--clinical", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a JSON object"), r.err());
    }

    @Test
    void missingImageIsNamed() {
        Run r = run("score", "--bundle", bundle.dir().toString(), "--image", tmp.resolve("nope.png").toString(),
                "--mask", aCase.mask().toString(), "--clinical", clinical.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.png"), r.err());
    }

    @Test
    void missingBundleIsNamed() {
        Run r = run("score", "--bundle", tmp.resolve("no-bundle").toString(), "--image", aCase.image().toString(),
                "--mask", aCase.mask().toString(), "--clinical", clinical.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not a folder"), r.err());
    }

    @Test
    void manifestWithOtherColumnsNamesThemAndTheFix() {
        Run r = run("train", "--cohort", SharedData.path("data/breast-lesions-usg/manifest.csv").toString(),
                "--out", tmp.resolve("x").toString(), "--no-progress");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("lacks column(s)") && r.err().contains("--mapping"), r.err());
    }

    @Test
    void missingCohortIsNamed() {
        Run r = run("train", "--cohort", tmp.resolve("none.csv").toString(), "--out", tmp.resolve("y").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("none.csv") && r.err().contains("does not exist"), r.err());
    }

    @Test
    void verifyAcceptsAGoodBundle() {
        Run r = run("verify", bundle.dir().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(bundle.modelHash()));
    }

    @Test
    void trainWroteTheReportAndReportRendersItAgainIdentically() throws Exception {
        Path html = bundle.dir().resolve("report.html");
        String before = Files.readString(html);
        assertTrue(before.contains("SHAP") && before.contains("Grad-CAM") || before.contains("occlusion"), "explanations missing");
        assertTrue(before.contains("data:image/png;base64,"), "Grad-CAM overlays missing");
        JsonNode results = BundleJson.MAPPER.readTree(bundle.dir().resolve("results.json").toFile());
        assertEquals(bundle.provenance().at("/metrics/Nomogram/auc_test").asDouble(),
                results.at("/signatures/Nomogram/auc_test").asDouble(), 1e-12);
        assertTrue(results.at("/explanations/forces").size() == 2, "two example patients");
        assertEquals(bundle.pipeline().deepSignature().learner(), results.at("/dl_signature/model").asText());
        assertEquals(results.at("/dl_signature/best_cv_model").asText(), results.at("/dl_signature/model").asText());
        Run r = run("report", bundle.dir().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(before, Files.readString(html));
    }

    @Test
    void evaluateScoresAnExternalCohortThroughTheScoringPath() throws Exception {
        Path external = org.eusedge.imaging.sim.SyntheticCohort.write(tmp.resolve("external"), 30, 11);
        Path out = tmp.resolve("external-report");
        Run r = run("evaluate", "--bundle", bundle.dir().toString(), "--cohort", external.toString(), "--out",
                out.toString(), "--label", "synthetic centre B", "--bootstrap", "50");
        assertEquals(0, r.code(), r.err());
        JsonNode results = BundleJson.MAPPER.readTree(out.resolve("results.json").toFile());
        JsonNode ids = results.at("/scores/id_test");
        assertEquals(30, ids.size());
        // the external case's probability is exactly what `score` gives for it
        Cohort ext = Cohort.read(external, org.eusedge.training.ColumnMapping.resolve("default"));
        Cohort.Case k = ext.cases().stream().filter(c -> c.id().equals(ids.get(0).asText())).findFirst().orElseThrow();
        var facts = BundleJson.MAPPER.createObjectNode();
        for (int j = 0; j < ext.clinicalNames().size(); j++) facts.put(ext.clinicalNames().get(j), k.clinical()[j]);
        Path f = tmp.resolve("ext-clinical.json");
        Files.writeString(f, facts.toString());
        Run one = run("score", "--bundle", bundle.dir().toString(), "--image", k.image().toString(), "--mask",
                k.mask().toString(), "--clinical", f.toString(), "--no-explain");
        assertEquals(0, one.code(), one.err());
        assertEquals(BundleJson.MAPPER.readTree(one.out()).get("probability").asDouble(),
                results.at("/scores/Nomogram/test/0").asDouble(), 1e-12);
        assertTrue(Files.readString(out.resolve("report.html")).contains("synthetic centre B"));
    }
}
