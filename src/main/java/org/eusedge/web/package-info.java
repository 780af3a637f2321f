/**
 * The side monitor: {@link org.eusedge.web.SideMonitor} serves the static UI (resources/web: plain HTML, CSS and
 * JavaScript, no build step, made for a touch screen in Chromium kiosk mode), the MJPEG live view, the JSON API,
 * server-sent status events, the records view and Helidon's health and metrics observers.
 * {@link org.eusedge.web.ApplianceService} is the running service `eus-edge serve` starts: audit store, room-system
 * link, appliance and side monitor, closed in reverse order.
 */
package org.eusedge.web;
