package org.eusedge.appliance;

/**
 * The record of every scoring, written before the result is shown or sent (org.eusedge.audit.AuditStore adapts to
 * this: one {@code AuditRecord} per {@link ScoringRecord}). A failure must throw: an unaudited result is never shown.
 */
public interface ScoringAudit {
    void record(ScoringRecord scoring);
}
