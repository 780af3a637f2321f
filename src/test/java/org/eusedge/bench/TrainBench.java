package org.eusedge.bench;

import org.eusedge.imaging.CropSpec;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.training.ColumnMapping;
import org.eusedge.training.DemoBundle;
import org.eusedge.training.Trainer;
import org.eusedge.training.TrainingSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `eus-edge train` on the BrEaST manifest (190 real ultrasound cases, manual masks), end to end: features through the
 * project's ResNet18, selection, eight learners, signatures, nomogram, bundle, explanations and the HTML report.
 * Prints the stage times of each run and their medians. Usage: TrainBench [runs=3].
 */
public final class TrainBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path shared = Path.of(System.getProperty("eusedge.shared", "../shared"));
        Path cache = Path.of(System.getProperty("eusedge.home", ".")).resolve("cache");
        Path manifest = shared.resolve("data/breast-lesions-usg/manifest.csv");
        Path backbone = DemoBundle.projectResNet18(cache, 0);
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, Object> last = null;
        for (int i = 0; i < runs; i++) {
            Path out = Files.createTempDirectory("train-bench");
            var o = Trainer.train(new Trainer.Request(manifest, ColumnMapping.resolve("breast-lesions-usg"), null, backbone,
                    "project ResNet18 seed 0", CropSpec.defaults(), BackboneOptions.defaults(), TrainingSettings.defaults(),
                    out, "breast", false), s -> { });
            o.timingsSeconds().forEach((k, v) -> seconds.computeIfAbsent(k, x -> new ArrayList<>()).add(v * 1000));
            last = new LinkedHashMap<>();
            for (String sig : List.of("DL_sig", "Clinic_sig", "Nomogram")) {
                last.put(sig, o.bundle().provenance().at("/metrics/" + sig + "/auc_test").asDouble());
            }
        }
        System.out.println("TrainBench: BrEaST-Lesions-USG manifest, 190 cases, " + runs + " runs; test AUCs " + last);
        System.out.println("machine: " + Machine.describe());
        System.out.println(Machine.header().replace("ms", "ms"));
        for (String k : List.of("features", "fit", "write", "report", "total")) System.out.println(Machine.row(k, seconds.get(k)));
    }
}
