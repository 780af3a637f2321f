package org.eusedge.cli;

import org.eusedge.inference.BackboneImporter;
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
        subcommands = {ModelCommand.Import.class, ModelCommand.BuildResNet18.class})
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
}
