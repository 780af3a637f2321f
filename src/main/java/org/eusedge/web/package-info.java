/**
 * The side monitor: {@link org.eusedge.web.SideMonitor} serves the static UI (resources/web: plain HTML, CSS and
 * JavaScript, no build step, made for a touch screen in Chromium kiosk mode), the MJPEG live view, the JSON API,
 * server-sent status events and Helidon's health and metrics observers.
 */
package org.eusedge.web;
