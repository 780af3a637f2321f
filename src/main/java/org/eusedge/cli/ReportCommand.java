package org.eusedge.cli;

import org.eusedge.model.Bundle;
import org.eusedge.report.HtmlReport;
import org.eusedge.report.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a bundle's evaluation report (report.html and its CSV files) again from its results.json.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BUNDLE") Path bundle;

    @Override
    public Integer call() {
        Bundle b = Bundle.load(bundle);
        Path results = b.dir().resolve(HtmlReport.RESULTS_JSON);
        if (!Files.isRegularFile(results)) {
            throw new IllegalArgumentException("bundle " + bundle + " has no " + HtmlReport.RESULTS_JSON
                    + ": it was trained before reports existed; retrain it to get one");
        }
        HtmlReport.rerender(results, b.dir().resolve(TrainingReport.REPORT_HTML)).forEach(System.out::println);
        return 0;
    }
}
