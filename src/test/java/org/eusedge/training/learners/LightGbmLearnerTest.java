package org.eusedge.training.learners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.eusedge.model.learned.TreeEnsemble;
import org.junit.jupiter.api.Test;

class LightGbmLearnerTest {

    @Test
    void exportedTreesReproduceTheLibraryPredictions() {
        assumeTrue(new LightGbmLearner().unavailableReason().isEmpty(), "LightGBM natives need linux x86_64");
        ReferenceExample ex = ReferenceExample.load();
        String text = new LightGbmLearner().trainToModelText(ex.xTrain(), ex.yTrain(), 0);
        TreeEnsemble exported = (TreeEnsemble) LightGbmModelText.parse(text, ex.xTrain()[0].length);
        assertTrue(exported.trees().size() > 1);
        assertArrayEquals(LightGbmLearner.libraryProbabilities(text, ex.xTest()), exported.probabilities(ex.xTest()), 1e-6);
        assertArrayEquals(LightGbmLearner.libraryProbabilities(text, ex.xTrain()), exported.probabilities(ex.xTrain()), 1e-6);
    }

    @Test
    void unavailableOnTheJetsonAndListedAsSkipped() {
        LightGbmLearner onJetson = new LightGbmLearner(100, "Linux", "aarch64");
        assertTrue(onJetson.unavailableReason().orElseThrow().contains("x86_64 only"));
        ReferenceExample ex = ReferenceExample.load();
        LearnerComparison c = LearnerComparison.run(ex.xTrain(), ex.yTrain(), ex.folds(), ex.xTest(), ex.yTest(),
                List.of(new KnnLearner(), onJetson), 0);
        LearnerResult skipped = c.result("LightGBM");
        assertEquals(LearnerResult.Status.SKIPPED, skipped.status());
        assertTrue(skipped.skipReason().contains("aarch64"), skipped.skipReason());
        assertEquals("KNN", c.best().name());
    }
}
