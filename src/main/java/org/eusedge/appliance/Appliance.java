package org.eusedge.appliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.capture.Frame;
import org.eusedge.capture.FrameSource;
import org.eusedge.capture.SourceStatus;
import org.eusedge.imaging.Box;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.PolygonRoi;
import org.eusedge.imaging.Roi;
import org.eusedge.imaging.RoiJson;
import org.eusedge.imaging.RoiValidator;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleJson;
import org.eusedge.model.InvalidInputException;
import org.eusedge.model.Prediction;
import org.eusedge.model.Scorer;
import org.eusedge.training.DemoBundle;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The live appliance in one place, the way a Holoscan application's compose() shows its graph:
 * <pre>
 *   FrameSource --(grabber thread, never waits)--> ring of the last ~2 s of frames --> live view (latest frame)
 *   FREEZE: sharpest frame (variance of the Laplacian) of the last 0.5 s, plus candidates --> held frames
 *   SCORE:  held frame + operator ROI + clinical facts --> LesionCrop --> Backbone --> Scorer (DL signature,
 *           clinical signature, nomogram) --> audit (before anything is shown or sent) --> UI response / room system
 * </pre>
 * The operator's actions (freeze, pick a candidate, mark, score) arrive from the side-monitor UI
 * (org.eusedge.web.SideMonitor); everything they touch is here.
 */
public final class Appliance implements AutoCloseable {
    /** How much recent video is kept for FREEZE to choose from. */
    static final long RING_NANOS = 2_000_000_000L;
    /** FREEZE looks at this much of the most recent video. */
    static final long FREEZE_WINDOW_NANOS = 500_000_000L;
    /** At most this many frames of the freeze window are offered in the candidate strip. */
    static final int MAX_CANDIDATES = 8;
    /** Frozen frames kept for marking and scoring; older ones answer "no longer held". */
    static final int HELD_FRAMES = 48;
    /** Live view JPEG quality: sharp enough on the side monitor, ~4x smaller than quality 100. */
    static final int LIVE_JPEG_QUALITY = 85;

    private final ApplianceConfig config;
    private final Bundle bundle;
    private final FrameSource source;
    private final RecentFrames ring = new RecentFrames(RING_NANOS);
    private final HeldFrames held = new HeldFrames(HELD_FRAMES);
    private final LatestJpeg liveJpeg = new LatestJpeg();
    private final Scorer scorer;
    private final ScoringAudit audit;
    private final ResultPublisher publisher;
    private final Consumer<String> log;
    private final Object scoringLock = new Object();

    private Appliance(ApplianceConfig config, Bundle bundle, FrameSource source, Scorer scorer, ScoringAudit audit,
                      ResultPublisher publisher, Consumer<String> log) {
        this.config = config;
        this.bundle = bundle;
        this.source = source;
        this.scorer = scorer;
        this.audit = audit;
        this.publisher = publisher;
        this.log = log;
    }

    /**
     * compose(): opens the scorer on the bundle (execution providers in the configured order), then starts the
     * source feeding the ring. The appliance owns and closes the source and the scorer; the audit and the publisher
     * belong to the caller.
     */
    public static Appliance start(ApplianceConfig config, Bundle bundle, FrameSource source, ScoringAudit audit,
                                  ResultPublisher publisher, Consumer<String> log) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(audit, "audit: every scoring must be recorded");
        Objects.requireNonNull(publisher, "publisher");
        Scorer scorer = Scorer.open(bundle, BackboneOptions.defaults().withProviders(config.providers()));
        Appliance a = new Appliance(config, bundle, source, scorer, audit, publisher, log);
        log.accept("model " + bundle.modelId() + " on " + scorer.provider() + "; source " + source.describe());
        source.start(a.ring::add);
        return a;
    }

    /** The configured bundle: the cached demo bundle (built on first use, ~2 min) or a bundle folder, verified. */
    public static Bundle loadBundle(ApplianceConfig config, Consumer<String> log) {
        return config.usesDemoBundle() ? DemoBundle.ensure(config.cacheDir(), log) : Bundle.load(Path.of(config.bundle()));
    }

    // ---- live view ----

    /** The newest frame, or null before the source has delivered one. */
    public Frame latestFrame() {
        return ring.latest();
    }

    /** One picture of the live view: the frame's sequence number and its JPEG. */
    public record LiveJpeg(long sequence, byte[] jpeg) {}

    /**
     * Waits up to {@code timeoutMillis} for a frame newer than {@code afterSequence} and returns its JPEG; null if none
     * came. A slow viewer gets the newest frame, never a backlog; each frame is encoded once for all viewers.
     */
    public LiveJpeg awaitLiveJpeg(long afterSequence, long timeoutMillis) throws InterruptedException {
        Frame f = ring.awaitAfter(afterSequence, timeoutMillis);
        return f == null ? null : liveJpeg.of(f);
    }

    // ---- freeze ----

    /** A frozen frame and the other frames of the freeze window the operator may pick instead. */
    public record Freeze(long frameId, int width, int height, List<Candidate> candidates) {}

    /** One frame of the candidate strip: its id, its sharpness and how long before the freeze it was captured. */
    public record Candidate(long frameId, double sharpness, double ageMs) {}

    /**
     * Takes the sharpest frame (variance of the Laplacian) of the last half second; every candidate is held so the
     * operator can switch to it.
     *
     * @throws IllegalStateException when the source has not delivered a frame yet
     */
    public Freeze freeze() {
        List<Frame> window = ring.since(FREEZE_WINDOW_NANOS);
        if (window.isEmpty()) {
            throw new IllegalStateException("no video yet: the source (" + source.describe() + ") is "
                    + source.status().state() + "; wait for the live image, then freeze");
        }
        long now = window.get(window.size() - 1).timestampNanos();
        Map<Long, Candidate> all = new LinkedHashMap<>();
        for (Frame f : window) {
            all.put(f.sequence(), new Candidate(f.sequence(), FrameCodec.varianceOfLaplacian(f.image()),
                    (now - f.timestampNanos()) / 1e6));
        }
        Candidate best = all.values().stream().max(Comparator.comparingDouble(Candidate::sharpness)).orElseThrow();
        List<Frame> strip = new ArrayList<>(evenlySpaced(window, MAX_CANDIDATES - 1));
        if (strip.stream().noneMatch(f -> f.sequence() == best.frameId())) {
            strip.add(window.stream().filter(f -> f.sequence() == best.frameId()).findFirst().orElseThrow());
            strip.sort(Comparator.comparingLong(Frame::sequence));
        }
        strip.forEach(held::put);
        List<Candidate> candidates = strip.stream().map(f -> all.get(f.sequence())).toList();
        GreyImage image = held.get(best.frameId()).image();
        return new Freeze(best.frameId(), image.width(), image.height(), candidates);
    }

    private static List<Frame> evenlySpaced(List<Frame> frames, int max) {
        if (frames.size() <= max) return frames;
        List<Frame> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) out.add(frames.get((int) Math.round(i * (frames.size() - 1) / (double) (max - 1))));
        return out;
    }

    /**
     * A held (frozen or candidate) frame.
     *
     * @throws UnknownFrameException naming whether the id never existed or is no longer held
     */
    public Frame heldFrame(long frameId) {
        Frame f = held.get(frameId);
        if (f != null) return f;
        Frame latest = ring.latest();
        boolean seen = latest != null && frameId >= 0 && frameId <= latest.sequence();
        throw new UnknownFrameException(frameId, seen);
    }

    // ---- mark ----

    /** What the UI shows about an outline: its Feret (max caliper) diameter, in mm when the pixel spacing is known. */
    public record RoiMeasurement(double feretDiameterPx, Double feretDiameterMm, double areaPx) {}

    /** Validates the outline on the held frame and measures it (the UI pre-fills the max diameter from it). */
    public RoiMeasurement measure(long frameId, JsonNode roiJson) {
        GreyImage image = heldFrame(frameId).image();
        Roi roi = parseRoi(roiJson);
        RoiValidator.validate(roi, image.width(), image.height());
        Double spacing = config.pixelSpacingMm();
        double feret = roi.feretDiameterPx();
        return new RoiMeasurement(feret, spacing == null ? null : feret * spacing, roi.areaPx());
    }

    /** The box assist's proposed outline for a box dragged around the lesion on a held frame (GrabCut). */
    public PolygonRoi proposeOutline(long frameId, Box box) {
        return OutlineAssist.grabCut(heldFrame(frameId).image(), box);
    }

    // ---- score ----

    /** The result JSON returned to the UI (the Prediction in BundleJson's snake_case, plus the ids) and whether it was sent. */
    public record ScoringResult(String scoringId, ObjectNode json) {}

    /**
     * Scores the held frame with the operator's ROI and clinical facts; the result is audited before it is returned
     * or published.
     *
     * @throws UnknownFrameException for a frame that is not held
     * @throws org.eusedge.imaging.InvalidRoiException for an outline that cannot be scored
     * @throws InvalidInputException for missing, unknown or impossible clinical values
     * @throws IllegalStateException when the audit cannot record it (then nothing is shown or sent)
     */
    public ScoringResult score(long frameId, JsonNode roiJson, JsonNode clinicalJson) {
        Frame frame = heldFrame(frameId);
        Roi roi = parseRoi(roiJson);
        Map<String, Object> clinical = clinicalMap(clinicalJson);
        Scorer.Scoring scoring;
        synchronized (scoringLock) { // one operator; the backbone session is used by one scoring at a time
            scoring = scorer.score(frame.image(), roi, clinical);
        }
        Prediction prediction = scoring.prediction();
        String scoringId = UUID.randomUUID().toString();
        Instant time = Instant.now();
        ObjectNode json = BundleJson.MAPPER.valueToTree(prediction);
        json.put("scoring_id", scoringId);
        json.put("frame_id", frameId);
        json.put("time", time.toString());

        byte[] png = FrameCodec.png(frame.image());
        boolean keepFrame = config.frameStorage() == ApplianceConfig.FrameStorage.FULL;
        try {
            audit.record(new ScoringRecord(scoringId, time, frameId, keepFrame ? png : null, FrameCodec.sha256Hex(png),
                    roiJson.deepCopy(), clinicalJson.deepCopy(), json.deepCopy(), bundle.modelId(), bundle.modelHash()));
        } catch (RuntimeException e) {
            log.accept("scoring " + scoringId + " could not be audited: " + e);
            throw new IllegalStateException("the scoring could not be recorded in the audit (" + e.getMessage()
                    + "), so it is neither shown nor sent; check the audit folder (disk space, permissions) and score again", e);
        }

        ObjectNode message = json.deepCopy();
        message.put("message_id", scoringId);
        try {
            json.put("message_id", publisher.publish(message));
        } catch (RuntimeException e) {
            // the result is audited and shown; the room system misses it and the operator is told why
            log.accept("scoring " + scoringId + " was not queued for the room system: " + e.getMessage());
            json.put("room_system_error", String.valueOf(e.getMessage()));
        }
        return new ScoringResult(scoringId, json);
    }

    private static Roi parseRoi(JsonNode roiJson) {
        if (roiJson == null || roiJson.isNull() || roiJson.isMissingNode()) {
            throw new InvalidInputException("the ROI is missing: send \"roi\": {\"polygon\": [[x, y], ...]}");
        }
        return RoiJson.parse(roiJson.toString());
    }

    private static Map<String, Object> clinicalMap(JsonNode clinical) {
        if (clinical == null || !clinical.isObject()) {
            throw new InvalidInputException("the clinical inputs are missing: send \"clinical\": {\"age\": 61, ...}");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = clinical.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) m.put(e.getKey(), null);
            else if (v.isNumber()) m.put(e.getKey(), v.doubleValue());
            else if (v.isBoolean()) m.put(e.getKey(), v.booleanValue());
            else if (v.isTextual()) m.put(e.getKey(), v.textValue().isBlank() ? null : v.textValue());
            else throw new InvalidInputException("clinical value '" + e.getKey() + "' is " + v + "; send a number");
        }
        return m;
    }

    // ---- status ----

    /** What the status bar shows. */
    public record Status(SourceStatus source, String sourceDescription, String modelId, String executionProvider,
                         String roomSystem, String banner) {}

    public Status status() {
        return new Status(source.status(), source.describe(), bundle.modelId(), scorer.provider(), publisher.state(),
                config.banner());
    }

    public ApplianceConfig config() {
        return config;
    }

    public Bundle bundle() {
        return bundle;
    }

    public String executionProvider() {
        return scorer.provider();
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            scorer.close();
        }
    }

    /** A frame id the UI sent that is not held: never captured (404) or captured and since let go (410). */
    public static final class UnknownFrameException extends RuntimeException {
        private final boolean expired;

        UnknownFrameException(long frameId, boolean expired) {
            super(expired
                    ? "frame " + frameId + " is no longer held (only the last " + HELD_FRAMES + " frozen frames are kept); freeze again"
                    : "there is no frame " + frameId + "; use a frame_id returned by /api/freeze");
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }

    /**
     * The ring of recent frames, kept minimal and private here (org.eusedge.capture's FrameRing and LiveViewEncoder
     * do this job in full).
     * {@link #add} is the grabber's only call: O(1), never waits on readers beyond a short lock.
     */
    private static final class RecentFrames {
        private final long spanNanos;
        private final ArrayDeque<Frame> frames = new ArrayDeque<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private volatile Frame latest;

        RecentFrames(long spanNanos) {
            this.spanNanos = spanNanos;
        }

        void add(Frame f) {
            lock.lock();
            try {
                frames.addLast(f);
                while (frames.peekFirst().timestampNanos() < f.timestampNanos() - spanNanos) frames.removeFirst();
                latest = f;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        Frame latest() {
            return latest;
        }

        List<Frame> since(long windowNanos) {
            lock.lock();
            try {
                if (frames.isEmpty()) return List.of();
                long from = frames.peekLast().timestampNanos() - windowNanos;
                return frames.stream().filter(f -> f.timestampNanos() >= from).toList();
            } finally {
                lock.unlock();
            }
        }

        Frame awaitAfter(long sequence, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            lock.lock();
            try {
                while (latest == null || latest.sequence() <= sequence) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return null;
                    arrived.awaitNanos(left);
                }
                return latest;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The JPEG of the newest frame, encoded once however many screens watch. */
    private static final class LatestJpeg {
        private LiveJpeg last;

        synchronized LiveJpeg of(Frame f) {
            if (last == null || last.sequence() != f.sequence()) {
                last = new LiveJpeg(f.sequence(), FrameCodec.jpeg(f.image(), LIVE_JPEG_QUALITY));
            }
            return last;
        }
    }

    /** Frozen and candidate frames by id, least recently frozen dropped first. */
    private static final class HeldFrames {
        private final Map<Long, Frame> frames;

        HeldFrames(int capacity) {
            this.frames = new LinkedHashMap<>(capacity, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Frame> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized void put(Frame f) {
            frames.remove(f.sequence());
            frames.put(f.sequence(), f);
        }

        synchronized Frame get(long id) {
            return frames.get(id);
        }
    }
}
