/**
 * The live appliance: {@link org.eusedge.appliance.ApplianceConfig} (embedded defaults, JSON overrides) and
 * {@link org.eusedge.appliance.Appliance}, the one class that wires source -> ring -> freeze -> crop -> backbone ->
 * scorer -> explainer -> audit -> UI / room system. The audit and the room system are reached through two small
 * interfaces, {@link org.eusedge.appliance.ScoringAudit} and {@link org.eusedge.appliance.ResultPublisher}, which
 * {@link org.eusedge.appliance.AuditTrail} (SQLite AuditStore) and {@link org.eusedge.appliance.RoomSystemPublisher}
 * (MQTT RoomSystemLink) implement.
 */
package org.eusedge.appliance;
