package org.eusedge.cli;

import org.eusedge.imaging.GreyImage;
import org.eusedge.model.Bundle;
import org.eusedge.model.Pipeline;
import org.eusedge.model.Prediction;
import org.eusedge.model.Scorer;
import org.eusedge.report.EvaluationResults;
import org.eusedge.report.ExternalValidation;
import org.eusedge.report.HtmlReport;
import org.eusedge.training.Cohort;
import org.eusedge.training.ColumnMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "External validation: score a cohort the bundle never saw (another centre, a later period) through "
                + "the appliance's scoring path and write the same metrics, calibration and decision curves for it.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--bundle", required = true) Path bundle;
    @Option(names = "--cohort", required = true, description = "the external cohort's manifest (every case is scored)") Path cohort;
    @Option(names = "--mapping", defaultValue = "default") String mapping;
    @Option(names = "--out", required = true, description = "folder for report.html, results.json and CSV files") Path out;
    @Option(names = "--label", defaultValue = "external", description = "name of the cohort in the report") String label;
    @Option(names = "--bootstrap", defaultValue = "1000", description = "calibration bootstrap resamples") int bootstrap;
    @Mixin BackboneFlags backboneFlags;

    @Override
    public Integer call() throws Exception {
        Bundle b = Bundle.load(bundle);
        Path trainingResults = b.dir().resolve(HtmlReport.RESULTS_JSON);
        if (!Files.isRegularFile(trainingResults)) {
            throw new IllegalArgumentException("bundle " + bundle + " has no " + HtmlReport.RESULTS_JSON + " (its training results): retrain it");
        }
        Cohort c = Cohort.read(cohort, ColumnMapping.resolve(mapping));
        Pipeline p = b.pipeline();
        int n = c.cases().size();
        int[] y = new int[n];
        String[] ids = new String[n];
        double[] dl = p.deepSignature() == null ? null : new double[n];
        double[] clin = new double[n], nomo = new double[n];
        try (Scorer scorer = Scorer.open(b, backboneFlags.options(), backboneFlags.precision)) {
            for (int i = 0; i < n; i++) {
                Cohort.Case k = c.cases().get(i);
                Prediction pr;
                try {
                    pr = scorer.score(GreyImage.read(k.image()), k.roi(), c.clinicalInputs(k)).prediction();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("case " + k.id() + ": " + e.getMessage(), e);
                }
                y[i] = k.label();
                ids[i] = k.id();
                if (dl != null) dl[i] = pr.dlSignature();
                clin[i] = pr.clinicalSignature();
                nomo[i] = pr.probability();
            }
        }
        EvaluationResults r = ExternalValidation.results(EvaluationResults.read(trainingResults), label, y, ids, dl, clin,
                nomo, bootstrap, 0);
        Files.createDirectories(out);
        HtmlReport.write(r, out.resolve("report.html")).forEach(System.out::println);
        return 0;
    }
}
