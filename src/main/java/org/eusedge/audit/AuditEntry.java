package org.eusedge.audit;

import java.util.Optional;

/**
 * A stored scoring: its insertion sequence number in the store, the record as it was made, and the latest pathology
 * reported for it (if any).
 */
public record AuditEntry(long sequence, AuditRecord record, Optional<PathologyReport> pathology) {
}
