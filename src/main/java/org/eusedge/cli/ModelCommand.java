package org.eusedge.cli;

import org.eusedge.inference.BackboneImporter;
import org.eusedge.inference.quant.CalibrationMethod;
import org.eusedge.inference.quant.QuantOptions;
import org.eusedge.model.Bundle;
import org.eusedge.training.BundleQuantizer;
import org.eusedge.training.Cohort;
import org.eusedge.training.ColumnMapping;
import org.eusedge.inference.ResNet18Graph;
import org.eusedge.model.BundleJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "model", mixinStandardHelpOptions = true, description = "Backbone tools.",
        subcommands = {ModelCommand.Import.class, ModelCommand.BuildResNet18.class, ModelCommand.Quantize.class})
final class ModelCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Check an exported or third-party ONNX backbone, find its pooled-feature and last-conv outputs, "
                    + "and write a normalised backbone (outputs features, layer4) for `train --backbone`.")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "SOURCE_ONNX") Path source;
        @Option(names = "--out", required = true, description = "folder to write backbone.onnx and import-report.json into")
        Path out;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(out);
            var report = BackboneImporter.importTo(source, out.resolve("backbone.onnx"));
            String json = BundleJson.MAPPER.writeValueAsString(report);
            Files.writeString(out.resolve("import-report.json"), json);
            System.out.println(json);
            return 0;
        }
    }

    @Command(name = "build-resnet18", mixinStandardHelpOptions = true,
            description = "Write the project's own ResNet18 graph (torchvision topology, seeded He weights, not pretrained).")
    static final class BuildResNet18 implements Callable<Integer> {
        @Option(names = "--seed", defaultValue = "0") long seed;
        @Option(names = "--out", required = true) Path out;

        @Override
        public Integer call() throws IOException {
            ResNet18Graph.write(out, seed);
            System.out.println(out + " (" + Files.size(out) + " bytes)");
            return 0;
        }
    }

    @Command(name = "quantize", mixinStandardHelpOptions = true,
            description = "Add a static INT8 (QDQ) backbone to a bundle: calibrated on training crops of the cohort, "
                    + "checked on its test crops against fidelity gates; marked INT8-ready only if it passes them.")
    static final class Quantize implements Callable<Integer> {
        @Option(names = "--bundle", required = true, description = "bundle folder") Path bundle;
        @Option(names = "--cohort", required = true, description = "the cohort manifest the bundle was trained on") Path cohort;
        @Option(names = "--mapping", defaultValue = "default", description = "column mapping (as for train)") String mapping;
        @Option(names = "--out", description = "write the quantized bundle here (default: update the bundle in place)") Path out;
        @Option(names = "--calibration-cases", defaultValue = "50") int calibrationCases;
        @Option(names = "--method", defaultValue = "MIN_MAX", description = "MIN_MAX or PERCENTILE") CalibrationMethod method;
        @Option(names = "--percentile", defaultValue = "99.99") double percentile;
        @Option(names = "--keep-first-conv-float", description = "leave the first convolution in FP32") boolean keepFirst;
        @Option(names = "--keep-last-block-float", description = "leave layer4 in FP32 (exact Grad-CAM map)") boolean keepLast;
        @Option(names = "--force", description = "mark INT8-ready even when a fidelity gate fails (with a warning)") boolean force;

        @Override
        public Integer call() throws IOException {
            Bundle b = Bundle.load(bundle);
            QuantOptions q = QuantOptions.defaults().withCalibration(method, percentile).withKeepFirstConvFloat(keepFirst)
                    .withKeepLastBlockFloat(keepLast);
            BundleQuantizer.Options o = new BundleQuantizer.Options(q, calibrationCases, 0, BundleQuantizer.Gates.defaults(), force);
            var report = BundleQuantizer.quantize(b, Cohort.read(cohort, ColumnMapping.resolve(mapping)), o,
                    out == null ? bundle : out, System.err::println);
            System.out.println(BundleJson.MAPPER.writeValueAsString(report));
            return report.int8Ready() ? 0 : 3;
        }
    }
}
