package org.eusedge.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.appliance.Appliance;
import org.eusedge.appliance.ApplianceConfig;
import org.eusedge.appliance.AuditTrail;
import org.eusedge.appliance.LiveSimulatorSource;
import org.eusedge.appliance.RoomSystemPublisher;
import org.eusedge.audit.AuditStore;
import org.eusedge.capture.SourceStatus;
import org.eusedge.model.Bundle;
import org.eusedge.publish.RoomSystemLink;
import org.eusedge.testing.SmallBundle;

import java.net.URI;
import java.nio.file.Path;

/**
 * The whole appliance for the web and room-system tests, with real parts: the small bundle trained once per test JVM
 * (SmallBundle: the project's ResNet18 on ONNX Runtime, CPU), the simulator's live video, the SQLite audit store on
 * disk, the room-system link (MQTT when a broker URI is given, else disabled) and the real Helidon server on a free
 * port.
 */
public final class RunningAppliance implements AutoCloseable {
    public static final int WIDTH = 480;
    public static final int HEIGHT = 360;
    public static final double FPS = 12;
    /** Deep enough that the simulator's largest lesions fit the small frame. */
    public static final double SPACING_MM = 0.25;

    /** Where the room system announces the procedure (id, age, sex) in these tests. */
    public static final String CONTEXT_TOPIC = "room/procedure";

    public final Bundle bundle;
    public final LiveSimulatorSource source;
    public final AuditStore audit;
    public final RoomSystemLink link;
    public final Appliance appliance;
    public final SideMonitor monitor;
    public final URI base;

    private RunningAppliance(Bundle bundle, LiveSimulatorSource source, AuditStore audit, RoomSystemLink link,
                             Appliance appliance, SideMonitor monitor) {
        this.bundle = bundle;
        this.source = source;
        this.audit = audit;
        this.link = link;
        this.appliance = appliance;
        this.monitor = monitor;
        this.base = URI.create("http://localhost:" + monitor.port() + "/");
    }

    /** No room system. */
    public static RunningAppliance start(Path tmp) throws Exception {
        return start(tmp, null);
    }

    /** With the room system on {@code mqttUri} (null: none); its outbox in tmp. */
    public static RunningAppliance start(Path tmp, String mqttUri) throws Exception {
        ApplianceConfig config = config(tmp, mqttUri);
        Bundle bundle = SmallBundle.bundle();
        LiveSimulatorSource source = new LiveSimulatorSource(11, WIDTH, HEIGHT, SPACING_MM, FPS);
        AuditStore audit = AuditTrail.openStore(config);
        RoomSystemLink link = RoomSystemPublisher.startLink(config);
        Appliance appliance = Appliance.start(config, bundle, source, new AuditTrail(audit), new RoomSystemPublisher(link), s -> { });
        SideMonitor monitor = SideMonitor.start(appliance, audit, link::lastProcedureContext, 0, s -> { });
        RunningAppliance running = new RunningAppliance(bundle, source, audit, link, appliance, monitor);
        running.awaitFrames(20);
        return running;
    }

    /** The test settings: any free port, CPU, the test's audit folder and outbox, the room system if given. */
    public static ApplianceConfig config(Path tmp, String mqttUri) throws Exception {
        ObjectNode o = (ObjectNode) new ObjectMapper().readTree("""
                {"http_port": 0, "providers": ["cpu"], "pixel_spacing_mm": %s, "freeze_key": "F8",
                 "banner": "RESEARCH USE ONLY (test)"}""".formatted(SPACING_MM));
        o.put("audit_dir", tmp.resolve("audit").toString());
        if (mqttUri != null) {
            o.putObject("mqtt").put("server_uri", mqttUri).put("client_id", "cart-" + Math.abs(tmp.hashCode()))
                    .put("outbox_dir", tmp.resolve("outbox").toString()).put("context_topic", CONTEXT_TOPIC);
        }
        return ApplianceConfig.withOverrides(o, "test");
    }

    /** Waits (bounded) until the source has delivered at least n frames. */
    public void awaitFrames(long n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (source.status().framesDelivered() < n || source.status().state() != SourceStatus.State.RUNNING) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the simulator delivered too few frames: " + source.status());
            Thread.sleep(50);
        }
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() {
        monitor.close();
        appliance.close();
        link.close();
        audit.close();
    }
}
