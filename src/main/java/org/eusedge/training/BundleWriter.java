package org.eusedge.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleException;
import org.eusedge.model.BundleJson;
import org.eusedge.model.Pipeline;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a bundle folder: pipeline.json, provenance.json, backbone.onnx, features.csv (the reference harness's input
 * format), cases.csv (per-case signatures and probabilities), then SHA256SUMS over all of them. Every sealed file is
 * a pure function of the inputs and the seed, so a rerun gives the same bytes and the same model hash; the wall
 * times and date of the run go to run.json, outside the seal.
 */
public final class BundleWriter {
    public static final String BACKBONE_FILE = "backbone.onnx";
    public static final String FEATURES_FILE = "features.csv";
    public static final String CASES_FILE = "cases.csv";
    public static final String RUN_FILE = "run.json";

    private BundleWriter() {}

    public static Bundle write(Path out, Pipeline pipeline, ObjectNode provenance, FittedModel fitted, Path backbone,
                               ObjectNode run) {
        try {
            Files.createDirectories(out);
            List<String> sealed = new ArrayList<>(List.of(Bundle.PIPELINE, Bundle.PROVENANCE, FEATURES_FILE, CASES_FILE));
            Files.deleteIfExists(out.resolve(Bundle.MANIFEST));
            if (backbone != null) {
                Files.copy(backbone, out.resolve(BACKBONE_FILE), StandardCopyOption.REPLACE_EXISTING);
                sealed.add(BACKBONE_FILE);
            }
            BundleJson.MAPPER.writeValue(out.resolve(Bundle.PIPELINE).toFile(), pipeline);
            BundleJson.MAPPER.writeValue(out.resolve(Bundle.PROVENANCE).toFile(), provenance);
            fitted.table().writeCsv(out.resolve(FEATURES_FILE));
            writeCases(out.resolve(CASES_FILE), fitted);
            Bundle.seal(out, sealed);
            BundleJson.MAPPER.writeValue(out.resolve(RUN_FILE).toFile(), run);
        } catch (IOException e) {
            throw new BundleException("cannot write the bundle to " + out + ": " + e.getMessage(), e);
        }
        return Bundle.load(out);
    }

    /** The bundle's cases.csv by case id: split, label, final and out-of-fold signatures and probabilities. */
    public static java.util.Map<String, org.apache.commons.csv.CSVRecord> readCases(Bundle bundle) {
        java.util.Map<String, org.apache.commons.csv.CSVRecord> m = new java.util.LinkedHashMap<>();
        try (java.io.Reader r = Files.newBufferedReader(bundle.file(CASES_FILE))) {
            for (var rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) m.put(rec.get("id"), rec);
        } catch (IOException e) {
            throw new BundleException("cannot read " + CASES_FILE + " of " + bundle.dir() + ": " + e.getMessage(), e);
        }
        return m;
    }

    private static void writeCases(Path file, FittedModel f) throws IOException {
        double[] dl = f.dlFinal();
        double[] cl = f.clinicalFinal();
        double[] nomo = f.nomogramFinal();
        double[] nomoOof = f.nomogramTrainOof();
        String[] header = {"id", "split", "label", "dl_sig", "clinic_sig", "probability", "dl_sig_oof", "clinic_sig_oof",
                "probability_oof"};
        int[] trainPos = new int[f.table().size()];
        java.util.Arrays.fill(trainPos, -1);
        for (int k = 0; k < f.trainRows().length; k++) trainPos[f.trainRows()[k]] = k;
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header).get().print(w)) {
            for (int i = 0; i < f.table().size(); i++) {
                int k = trainPos[i];
                csv.printRecord(f.table().ids().get(i), f.table().splits().get(i), f.table().labels()[i],
                        dl == null ? "" : dl[i], cl[i], nomo[i],
                        k < 0 || f.dlTrainOof() == null ? "" : f.dlTrainOof()[k],
                        k < 0 ? "" : f.clinicalTrainOof()[k],
                        k < 0 ? "" : nomoOof[k]);
            }
        }
    }
}
