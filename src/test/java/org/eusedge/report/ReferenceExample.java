package org.eusedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eusedge.stats.ClinicalSelection;
import org.eusedge.testing.SharedData;
import org.eusedge.training.selection.FeatureSelection;
import org.eusedge.training.selection.SelectionResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reference harness's seed-1 example as report inputs: reference.json's exact score vectors, labels and CV fold
 * AUCs; the cohort CSV's clinical columns (raw) and deep features (train rows, file order) for the selection.
 */
final class ReferenceExample {
    static final String[] CLINICAL = {"age", "gender", "location", "diameter", "shape_irregular", "margin_unclear",
            "hypoechoic", "uniform", "calcification", "cystic"};
    private static final Pattern DEEP = Pattern.compile("f\\d+");
    private static JsonNode reference;
    private static EvaluationResults built;

    private ReferenceExample() {}

    static synchronized JsonNode reference() {
        if (reference == null) {
            try {
                reference = new ObjectMapper().readTree(SharedData.path("reference/example/reference.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reference;
    }

    static double[] doubles(JsonNode a) {
        return Json.doubles(a);
    }

    static int[] yTrain() {
        return Json.ints(reference().at("/scores/y_train"));
    }

    static int[] yTest() {
        return Json.ints(reference().at("/scores/y_test"));
    }

    static ResultsBuilder.Scores scores(String vector) {
        JsonNode s = reference().at("/scores/" + vector);
        return new ResultsBuilder.Scores(doubles(s.get("train")), doubles(s.get("test")));
    }

    /** The reference's learners (GradientBoosting stands in for LightGBM there), in its order. */
    static List<LearnerSummary> learners() {
        List<LearnerSummary> out = new ArrayList<>();
        reference().get("models").fieldNames().forEachRemaining(name -> {
            JsonNode s = reference().at("/scores/" + name);
            out.add(new LearnerSummary(name, doubles(reference().at("/models/" + name + "/auc_cv_folds")), doubles(s.get("oof")),
                    doubles(s.get("train")), doubles(s.get("test")), LearnerSummary.OK));
        });
        return out;
    }

    /** Rows of the cohort CSV for one split, the given columns, file order. */
    static double[][] columns(String split, String[] names) {
        try {
            List<String> lines = Files.readAllLines(SharedData.path("reference/example/synthetic_seed1.csv"));
            List<String> header = Arrays.asList(lines.get(0).split(",", -1));
            int splitCol = header.indexOf("split");
            int[] cols = Arrays.stream(names).mapToInt(header::indexOf).toArray();
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (!f[splitCol].trim().equals(split)) continue;
                double[] r = new double[cols.length];
                for (int k = 0; k < cols.length; k++) r[k] = Double.parseDouble(f[cols[k]]);
                rows.add(r);
            }
            return rows.toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] deepNames() {
        try {
            String header = Files.readAllLines(SharedData.path("reference/example/synthetic_seed1.csv")).get(0);
            return Arrays.stream(header.split(",")).filter(c -> DEEP.matcher(c).matches()).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SelectionResult selection() {
        return FeatureSelection.run(columns("train", deepNames()), yTrain(), deepNames(),
                Json.ints(reference().at("/selection/lasso_cv_fold")));
    }

    static ClinicalSelection.Result clinicalSelection() {
        return ClinicalSelection.select(columns("train", CLINICAL), CLINICAL, yTrain());
    }

    /** The full results of the example, built once (the bootstrap and LASSO take a few seconds). */
    static synchronized EvaluationResults results() {
        if (built == null) {
            built = new ResultsBuilder(yTrain(), yTest())
                    .title("Evaluation report: reference example (synthetic, seed 1)")
                    .ids(ids("id_train"), ids("id_test"))
                    .signatures(scores("DL_sig"), scores("Clinic_sig"), scores("Nomogram"))
                    .learners(learners(), reference().at("/dl_signature/model").asText())
                    .selection(selection())
                    .clinical(CLINICAL, columns("train", CLINICAL), columns("test", CLINICAL), clinicalSelection())
                    .nomogramFolds(Json.ints(reference().at("/model_cv_fold")))
                    .build();
        }
        return built;
    }

    private static String[] ids(String key) {
        List<String> out = new ArrayList<>();
        reference().at("/scores/" + key).forEach(n -> out.add(n.asText()));
        return out.toArray(String[]::new);
    }
}
