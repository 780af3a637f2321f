package org.eusedge.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eusedge.appliance.Appliance;
import org.eusedge.appliance.ApplianceConfig;
import org.eusedge.appliance.CollectingPublisher;
import org.eusedge.appliance.JsonLinesAudit;
import org.eusedge.appliance.LiveSimulatorSource;
import org.eusedge.capture.SourceStatus;
import org.eusedge.imaging.CropSpec;
import org.eusedge.imaging.sim.SyntheticCohort;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Bundle;
import org.eusedge.training.ColumnMapping;
import org.eusedge.training.DemoBundle;
import org.eusedge.training.Trainer;
import org.eusedge.training.TrainingSettings;

import java.net.URI;
import java.nio.file.Path;

/**
 * The whole appliance for the web tests, with real parts: a small bundle trained here on a synthetic cohort with the
 * project's ResNet18 (ONNX Runtime, CPU), the simulator's live video, a file audit, the real Helidon server on a
 * free port.
 */
final class RunningAppliance implements AutoCloseable {
    static final int WIDTH = 480;
    static final int HEIGHT = 360;
    static final double FPS = 12;
    /** Deep enough that the simulator's largest lesions fit the small frame. */
    static final double SPACING_MM = 0.25;

    final Bundle bundle;
    final LiveSimulatorSource source;
    final JsonLinesAudit audit;
    final CollectingPublisher publisher;
    final Appliance appliance;
    final SideMonitor monitor;
    final URI base;

    private RunningAppliance(Bundle bundle, LiveSimulatorSource source, JsonLinesAudit audit, CollectingPublisher publisher,
                             Appliance appliance, SideMonitor monitor) {
        this.bundle = bundle;
        this.source = source;
        this.audit = audit;
        this.publisher = publisher;
        this.appliance = appliance;
        this.monitor = monitor;
        this.base = URI.create("http://localhost:" + monitor.port() + "/");
    }

    static RunningAppliance start(Path tmp) throws Exception {
        Path cohort = SyntheticCohort.write(tmp.resolve("cohort"), 60, 7);
        Path backbone = DemoBundle.projectResNet18(tmp.resolve("cache"), 0);
        Bundle bundle = Trainer.train(new Trainer.Request(cohort, ColumnMapping.resolve("default"), null, backbone,
                "project ResNet18 seed 0", CropSpec.defaults(), BackboneOptions.defaults(), TrainingSettings.defaults(),
                tmp.resolve("bundle"), "web-test", false), s -> { }).bundle();
        ApplianceConfig config = ApplianceConfig.withOverrides(new ObjectMapper().readTree("""
                {"http_port": 0, "providers": ["cpu"], "pixel_spacing_mm": %s, "audit_dir": "%s", "freeze_key": "F8",
                 "banner": "RESEARCH USE ONLY (test)"}""".formatted(SPACING_MM, tmp.resolve("audit").toString().replace("\\", "/"))), "test");
        LiveSimulatorSource source = new LiveSimulatorSource(11, WIDTH, HEIGHT, SPACING_MM, FPS);
        JsonLinesAudit audit = new JsonLinesAudit(tmp.resolve("audit.jsonl"));
        CollectingPublisher publisher = new CollectingPublisher();
        Appliance appliance = Appliance.start(config, bundle, source, audit, publisher, s -> { });
        SideMonitor monitor = SideMonitor.start(appliance, 0, s -> { });
        RunningAppliance running = new RunningAppliance(bundle, source, audit, publisher, appliance, monitor);
        running.awaitFrames(20);
        return running;
    }

    /** Waits (bounded) until the source has delivered at least n frames. */
    void awaitFrames(long n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (source.status().framesDelivered() < n || source.status().state() != SourceStatus.State.RUNNING) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the simulator delivered too few frames: " + source.status());
            Thread.sleep(50);
        }
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() {
        monitor.close();
        appliance.close();
    }
}
