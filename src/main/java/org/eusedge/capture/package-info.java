/**
 * Live video in: sources, the ring of recent frames, the freeze and the side monitor's live view.
 *
 * <p>A {@link org.eusedge.capture.FrameSource} (opened from a {@link org.eusedge.capture.SourceConfig} by
 * {@link org.eusedge.capture.FrameSources#open}) grabs on its own thread and hands each grey
 * {@link org.eusedge.capture.Frame} to a sink that must not block. The appliance's sink does two cheap things:
 * <pre>{@code
 * FrameRing ring = FrameRing.standard();                 // last 2 s, at most 128 frames
 * LiveViewEncoder live = LiveViewEncoder.standard();     // JPEG at <= 30 fps, drops rather than queues
 * FrameSource source = FrameSources.open(SourceConfig.parse("simulator"));
 * source.start(frame -> { ring.push(frame); live.offer(frame); });
 * FreezeSelector freeze = FreezeSelector.standard(ring); // sharpest of the last 0.5 s
 * }</pre>
 * Sources never throw once started: a missing device or a dead stream shows as RECONNECTING in
 * {@link org.eusedge.capture.FrameSource#status()}, with the reason, and they retry with back-off
 * (0.5 s doubling to 5 s) and resume by themselves.
 */
package org.eusedge.capture;
