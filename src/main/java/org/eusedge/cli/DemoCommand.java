package org.eusedge.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.commons.csv.CSVRecord;
import org.eusedge.explain.Explainer;
import org.eusedge.imaging.GreyImage;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleJson;
import org.eusedge.model.Scorer;
import org.eusedge.training.BundleWriter;
import org.eusedge.training.ColumnMapping;
import org.eusedge.training.Cohort;
import org.eusedge.training.DemoBundle;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Embedded defaults, no hardware: build (once) the synthetic demo bundle and score its first test "
                + "case of each class, showing the trainer's probability beside the scorer's.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        Bundle bundle = DemoBundle.ensure(Home.cacheDir(), System.err::println);
        Cohort cohort = Cohort.read(Home.cacheDir().resolve("demo/cohort/manifest.csv"), ColumnMapping.resolve("default"));
        Map<String, CSVRecord> trainerCases = BundleWriter.readCases(bundle);
        ArrayNode out = BundleJson.MAPPER.createArrayNode();
        try (Scorer scorer = Scorer.open(bundle, BackboneOptions.defaults())) {
            Explainer explainer = new Explainer(scorer);
            for (int label : new int[] {1, 0}) {
                Cohort.Case c = cohort.cases().stream().filter(k -> "test".equals(k.split()) && k.label() == label)
                        .findFirst().orElseThrow();
                var prediction = explainer.explain(scorer.score(GreyImage.read(c.image()), c.roi(), cohort.clinicalInputs(c)));
                var row = out.addObject();
                row.put("case", c.id());
                row.put("true_class", label == 1 ? bundle.pipeline().classes().positive() : bundle.pipeline().classes().negative());
                row.put("trainer_probability", Double.parseDouble(trainerCases.get(c.id()).get("probability")));
                row.set("result", BundleJson.MAPPER.valueToTree(prediction));
            }
        }
        System.out.println(out.toPrettyString());
        System.err.println("demo bundle: " + bundle.dir() + " (" + bundle.modelId() + "); synthetic data, research use only");
        return 0;
    }
}
