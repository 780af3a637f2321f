package org.eusedge.bench;

import org.eusedge.explain.Explainer;
import org.eusedge.imaging.GreyImage;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Bundle;
import org.eusedge.model.Scorer;
import org.eusedge.training.ColumnMapping;
import org.eusedge.training.Cohort;
import org.eusedge.training.DemoBundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Freeze -> result latency per stage on the demo bundle: crop, backbone, scoring (signatures + nomogram), SHAP,
 * Grad-CAM and total, for the
 * test cases of the demo cohort, after warm-up. Usage: ScoreBench [runs=50] [threads=0] [bundle folder].
 */
public final class ScoreBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Path cache = Path.of(System.getProperty("eusedge.home", ".")).resolve("cache");
        Bundle bundle = args.length > 2 ? Bundle.load(Path.of(args[2])) : DemoBundle.ensure(cache, System.err::println);
        Cohort cohort = Cohort.read(cache.resolve("demo/cohort/manifest.csv"), ColumnMapping.resolve("default"));
        List<Cohort.Case> cases = cohort.cases().stream().filter(c -> "test".equals(c.split())).toList();
        BackboneOptions opts = new BackboneOptions(List.of("cpu"), threads, null, false, false);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        try (Scorer scorer = Scorer.open(bundle, opts)) {
            Explainer explainer = new Explainer(scorer);
            for (int i = -10; i < runs; i++) {
                Cohort.Case c = cases.get(Math.floorMod(i, cases.size()));
                GreyImage frame = GreyImage.read(c.image());
                var roi = c.roi();
                Map<String, Object> clinical = cohort.clinicalInputs(c);
                clinical.keySet().retainAll(bundle.pipeline().clinicalSchema().names());
                var p = explainer.explain(scorer.score(frame, roi, clinical));
                if (i < 0) continue; // warm-up
                p.timingsMs().forEach((k, v) -> samples.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
            System.out.println("ScoreBench: " + bundle.modelId() + ", provider " + scorer.provider() + ", intra-op threads "
                    + (threads == 0 ? "ORT default" : threads) + ", " + runs + " runs after 10 warm-up");
        }
        System.out.println("machine: " + Machine.describe());
        System.out.println(Machine.header());
        samples.forEach((k, v) -> System.out.println(Machine.row(k, v)));
        System.out.println("resident memory after the runs: " + Machine.residentKb() / 1024 + " MB");
    }
}
