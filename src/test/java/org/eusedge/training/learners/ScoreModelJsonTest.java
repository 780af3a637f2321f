package org.eusedge.training.learners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.eusedge.model.BundleJson;
import org.eusedge.model.learned.ScoreModel;
import org.junit.jupiter.api.Test;

/** Every learner's model goes into the bundle as JSON and must score identically after reading it back. */
class ScoreModelJsonTest {

    @Test
    void everyModelKindSurvivesARoundTrip() throws JsonProcessingException {
        ReferenceExample ex = ReferenceExample.load();
        List<Learner> learners = new ArrayList<>(List.of(new SvmLearner(), new LogisticLearner(),
                ForestLearner.randomForest(5), ForestLearner.extraTrees(5), new KnnLearner(), new MlpLearner(20, 20),
                new XgBoostLearner(5)));
        LightGbmLearner lightGbm = new LightGbmLearner(5);
        if (lightGbm.unavailableReason().isEmpty()) learners.add(lightGbm);
        for (Learner learner : learners) {
            ScoreModel fitted = learner.fit(ex.xTrain(), ex.yTrain(), 0);
            String json = BundleJson.MAPPER.writeValueAsString(fitted);
            JsonNode tree = BundleJson.MAPPER.readTree(json);
            assertTrue(tree.path("kind").isTextual(), learner.name() + " JSON names its kind: " + json.substring(0, 80));
            ScoreModel back = BundleJson.MAPPER.readValue(json, ScoreModel.class);
            assertEquals(fitted.getClass(), back.getClass());
            for (double[] row : ex.xTest()) {
                assertEquals(fitted.probability(row), back.probability(row), 0, learner.name());
            }
        }
    }

    @Test
    void unknownKindIsRefused() {
        var e = assertThrows(JsonProcessingException.class,
                () -> BundleJson.MAPPER.readValue("{\"kind\":\"deep_forest\"}", ScoreModel.class));
        assertTrue(e.getMessage().contains("deep_forest"), e.getMessage());
    }
}
