package org.eusedge.training;

import org.eusedge.imaging.GreyImage;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.inference.quant.QuantOptions;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleException;
import org.eusedge.model.Scorer;
import org.eusedge.testing.SmallBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INT8 into a real bundle: calibrated on training crops, gated on test crops, sealed, and run by the scorer when ready. */
class BundleQuantizerTest {
    @TempDir static Path tmp;
    static BundleQuantizer.Report passed;
    static Bundle int8Bundle;

    static BundleQuantizer.Options options(BundleQuantizer.Gates gates, boolean force) {
        return new BundleQuantizer.Options(QuantOptions.defaults(), 30, 0, gates, force);
    }

    @BeforeAll
    static void quantizeWithOpenGates() {
        passed = BundleQuantizer.quantize(SmallBundle.bundle(), SmallBundle.cohort(),
                options(new BundleQuantizer.Gates(1, 1, 1, 1), false), tmp.resolve("open"), s -> { });
        int8Bundle = Bundle.load(tmp.resolve("open"));
    }

    @Test
    void reportedProbabilityChangeIsWhatTheScorerGivesWithEachGraph() {
        assertTrue(passed.int8Ready());
        assertEquals(30, passed.calibrationCases());
        double maxDp = 0;
        try (Scorer fp32 = Scorer.open(int8Bundle, BackboneOptions.defaults(), Scorer.Precision.FP32);
             Scorer int8 = Scorer.open(int8Bundle, BackboneOptions.defaults(), Scorer.Precision.AUTO)) {
            assertEquals("int8", int8.precision());
            for (Cohort.Case c : SmallBundle.cohort().cases()) {
                if (!"test".equals(c.split())) continue;
                Map<String, Object> clinical = new LinkedHashMap<>();
                for (int j = 0; j < SmallBundle.cohort().clinicalNames().size(); j++) {
                    clinical.put(SmallBundle.cohort().clinicalNames().get(j), c.clinical()[j]);
                }
                GreyImage frame = GreyImage.read(c.image());
                double a = fp32.score(frame, c.roi(), clinical).prediction().probability();
                var b = int8.score(frame, c.roi(), clinical).prediction();
                assertEquals("int8", b.backbonePrecision());
                maxDp = Math.max(maxDp, Math.abs(a - b.probability()));
            }
        }
        assertEquals(passed.maxProbabilityChange(), maxDp, 1e-9);
        assertTrue(passed.fidelity().medianRelativeError() < 0.2, "INT8 features far from FP32: " + passed.fidelity());
        assertEquals(passed.int8Ready(), int8Bundle.provenance().at("/quantization/int8_ready").asBoolean());
        assertTrue(int8Bundle.sealedFiles().contains(BundleQuantizer.INT8_FILE));
    }

    @Test
    void failedGatesLeaveTheBundleOnFp32AndSayWhy() {
        var report = BundleQuantizer.quantize(SmallBundle.bundle(), SmallBundle.cohort(),
                options(new BundleQuantizer.Gates(0, 0, 0, -1), false), tmp.resolve("closed"), s -> { });
        assertFalse(report.int8Ready());
        assertTrue(report.failedGates().stream().anyMatch(f -> f.startsWith("median relative feature error")), report.failedGates().toString());
        assertTrue(report.failedGates().stream().anyMatch(f -> f.startsWith("test AUC change")), report.failedGates().toString());
        Bundle b = Bundle.load(tmp.resolve("closed"));
        try (Scorer s = Scorer.open(b, BackboneOptions.defaults())) {
            assertEquals("fp32", s.precision());
        }
        var e = assertThrows(BundleException.class, () -> Scorer.open(b, BackboneOptions.defaults(), Scorer.Precision.INT8));
        assertTrue(e.getMessage().contains("no INT8 backbone that passed its fidelity gates"), e.getMessage());
    }

    @Test
    void forceMarksItReadyAndRecordsThatItWasForced() {
        var report = BundleQuantizer.quantize(SmallBundle.bundle(), SmallBundle.cohort(),
                options(new BundleQuantizer.Gates(0, 0, 0, -1), true), tmp.resolve("forced"), s -> { });
        assertTrue(report.int8Ready());
        assertTrue(Bundle.load(tmp.resolve("forced")).provenance().at("/quantization/forced").asBoolean());
    }

    @Test
    void cohortThatIsNotTheBundlesIsRefused() {
        var other = Cohort.read(org.eusedge.imaging.sim.SyntheticCohort.write(tmp.resolve("other"), 24, 99),
                ColumnMapping.resolve("default"));
        // the synthetic ids case001.. overlap by name; a cohort with too few matching cases is refused
        var e = assertThrows(IllegalArgumentException.class, () -> BundleQuantizer.quantize(SmallBundle.bundle(), other,
                options(BundleQuantizer.Gates.defaults(), false), tmp.resolve("x"), s -> { }));
        assertTrue(e.getMessage().contains("quantization needs at least 10 of each"), e.getMessage());
    }
}
