package org.eusedge.training;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eusedge.imaging.CropSpec;
import org.eusedge.imaging.GreyImage;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Prediction;
import org.eusedge.model.Scorer;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real ultrasound with manual masks (BrEaST-Lesions-USG), loaded as it is through the built-in column mapping. */
class BreastTrainingTest {
    @TempDir Path tmp;

    @Test
    void trainsOnBreastAndScoresATestImageAsTheTrainerDid() throws Exception {
        Path manifest = SharedData.path("data/breast-lesions-usg/manifest.csv");
        ColumnMapping mapping = ColumnMapping.resolve("breast-lesions-usg");
        Path backbone = DemoBundle.projectResNet18(tmp.resolve("cache"), 0);
        Trainer.Outcome o = Trainer.train(new Trainer.Request(manifest, mapping, null, backbone, "project ResNet18 seed 0",
                CropSpec.defaults(), BackboneOptions.defaults(), TrainingSettings.defaults(), tmp.resolve("bundle"),
                "breast", false), s -> { });

        JsonNode cohort = o.bundle().provenance().get("cohort");
        assertEquals(190, cohort.get("n").asInt());
        assertEquals(57, cohort.get("n_test").asInt()); // round(0.3 * 116) + round(0.3 * 74) = 35 + 22
        assertEquals("malignant", o.bundle().pipeline().classes().positive());
        // BI-RADS shape and margin descriptors alone separate benign from malignant well in this data set
        double nomogramTest = o.bundle().provenance().at("/metrics/Nomogram/auc_test").asDouble();
        assertTrue(nomogramTest > 0.75, "nomogram test AUC " + nomogramTest);

        Map<String, CSVRecord> cases = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(o.bundle().file(BundleWriter.CASES_FILE))) {
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).forEach(c -> cases.put(c.get("id"), c));
        }
        Cohort cohortCases = Cohort.read(manifest, mapping);
        Cohort.Case c = cohortCases.cases().stream()
                .filter(k -> cases.get(k.id()).get("split").equals("test")
                        && java.util.Arrays.stream(k.clinical()).noneMatch(Double::isNaN))
                .findFirst().orElseThrow();
        Map<String, Object> clinical = new LinkedHashMap<>();
        for (int j = 0; j < cohortCases.clinicalNames().size(); j++) {
            clinical.put(cohortCases.clinicalNames().get(j), c.clinical()[j]);
        }
        try (Scorer scorer = Scorer.open(o.bundle(), BackboneOptions.defaults())) {
            Prediction p = scorer.score(GreyImage.read(c.image()), c.roi(), clinical).prediction();
            assertEquals(Double.parseDouble(cases.get(c.id()).get("probability")), p.probability(), 1e-6);
        }
    }
}
