package org.eusedge.web;

import org.eusedge.appliance.Appliance;
import org.eusedge.appliance.ApplianceConfig;
import org.eusedge.appliance.AuditTrail;
import org.eusedge.appliance.RoomSystemPublisher;
import org.eusedge.audit.AuditStore;
import org.eusedge.capture.FrameSource;
import org.eusedge.model.Bundle;
import org.eusedge.publish.RoomSystemLink;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The appliance as a running service, what `eus-edge serve` starts: the audit store, the room-system link, the
 * appliance (source, scorer, explainer) and the side monitor, opened in that order and closed in the reverse one.
 * If any part fails to start, the parts already open are closed before the failure is thrown.
 */
public final class ApplianceService implements AutoCloseable {
    private final Deque<AutoCloseable> opened;
    private final AuditStore auditStore;
    private final RoomSystemLink link;
    private final Appliance appliance;
    private final SideMonitor monitor;
    private final double startMs;

    private ApplianceService(Deque<AutoCloseable> opened, AuditStore auditStore, RoomSystemLink link, Appliance appliance,
                             SideMonitor monitor, double startMs) {
        this.opened = opened;
        this.auditStore = auditStore;
        this.link = link;
        this.appliance = appliance;
        this.monitor = monitor;
        this.startMs = startMs;
    }

    /** Loads the configured bundle (building the demo bundle on first use) and starts everything. */
    public static ApplianceService start(ApplianceConfig config, Consumer<String> log) {
        return start(config, Appliance.loadBundle(config, log), log);
    }

    /** Starts everything on an already loaded bundle; the cold-start time (without loading the bundle) is {@link #startMs()}. */
    public static ApplianceService start(ApplianceConfig config, Bundle bundle, Consumer<String> log) {
        long t0 = System.nanoTime();
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            AuditStore store = AuditTrail.openStore(config);
            opened.push(store);
            log.accept("audit: " + store.file() + " (frames: " + store.frameRetention() + ")");
            RoomSystemLink link = RoomSystemPublisher.startLink(config);
            opened.push(link);
            log.accept("room system: " + (config.mqtt() == null ? "off (set \"mqtt\" in the config or --mqtt to send results)" : config.mqtt()));
            FrameSource source = Appliance.openSource(config);
            Appliance appliance;
            try {
                appliance = Appliance.start(config, bundle, source, new AuditTrail(store), new RoomSystemPublisher(link), log);
            } catch (RuntimeException e) {
                source.close();
                throw e;
            }
            opened.push(appliance);
            SideMonitor monitor = SideMonitor.start(appliance, store, link::lastProcedureContext, config.httpPort(), log);
            opened.push(monitor);
            return new ApplianceService(opened, store, link, appliance, monitor, (System.nanoTime() - t0) / 1e6);
        } catch (RuntimeException e) {
            closeAll(opened, log);
            throw e;
        }
    }

    public int port() {
        return monitor.port();
    }

    public Appliance appliance() {
        return appliance;
    }

    public AuditStore auditStore() {
        return auditStore;
    }

    public RoomSystemLink link() {
        return link;
    }

    /** Milliseconds from the start of {@link #start} to serving (audit, link, scorer, source, web server; the warm-up scoring runs on). */
    public double startMs() {
        return startMs;
    }

    /** Closes the side monitor, the appliance, the link and the audit store, in that order; safe to call twice. */
    @Override
    public void close() {
        closeAll(opened, s -> { });
    }

    private static void closeAll(Deque<AutoCloseable> opened, Consumer<String> log) {
        synchronized (opened) {
            while (!opened.isEmpty()) {
                AutoCloseable c = opened.pop();
                try {
                    c.close();
                } catch (Exception e) {
                    log.accept("closing " + c.getClass().getSimpleName() + " failed: " + e);
                }
            }
        }
    }
}
