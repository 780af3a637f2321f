package org.eusedge.appliance;

import org.eusedge.audit.AuditRecord;
import org.eusedge.audit.AuditStore;
import org.eusedge.audit.FrameEvidence;
import org.eusedge.audit.FrameRetention;

import java.util.Objects;

/**
 * The appliance's audit on the SQLite {@link AuditStore}: each {@link ScoringRecord} becomes one {@link AuditRecord},
 * written (WAL, synchronous) before the result is shown or sent; a failure throws, so nothing unaudited leaves.
 */
public final class AuditTrail implements ScoringAudit {
    private final AuditStore store;

    public AuditTrail(AuditStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Opens (creating on first use) the store of {@code config}: its audit folder, frames as PNG or hash. */
    public static AuditStore openStore(ApplianceConfig config) {
        FrameRetention retention = config.frameStorage() == ApplianceConfig.FrameStorage.FULL
                ? FrameRetention.PNG : FrameRetention.SHA256_ONLY;
        return AuditStore.open(config.auditDatabase(), retention);
    }

    public AuditStore store() {
        return store;
    }

    @Override
    public void record(ScoringRecord s) {
        FrameEvidence frame = s.framePng() != null ? FrameEvidence.ofPng(s.framePng()) : FrameEvidence.hashOnly(s.frameSha256());
        store.record(new AuditRecord(s.scoringId(), s.time(), frame, s.roi(), s.clinical(), s.outputs(), s.modelId(),
                s.modelHash()));
    }
}
