package org.eusedge.appliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.capture.Frame;
import org.eusedge.capture.FrameRing;
import org.eusedge.capture.FrameSource;
import org.eusedge.capture.FrameSources;
import org.eusedge.capture.FreezeSelector;
import org.eusedge.capture.LiveJpeg;
import org.eusedge.capture.LiveViewEncoder;
import org.eusedge.capture.SimulatorSource;
import org.eusedge.capture.SourceStatus;
import org.eusedge.explain.Explainer;
import org.eusedge.explain.Explanation;
import org.eusedge.imaging.Box;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.PolygonRoi;
import org.eusedge.imaging.Roi;
import org.eusedge.imaging.RoiJson;
import org.eusedge.imaging.RoiValidator;
import org.eusedge.imaging.sim.EusFrameSimulator;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleJson;
import org.eusedge.model.ClinicalVariable;
import org.eusedge.model.InvalidInputException;
import org.eusedge.model.Prediction;
import org.eusedge.model.Scorer;
import org.eusedge.training.DemoBundle;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The live appliance in one place, the way a Holoscan application's compose() shows its graph:
 * <pre>
 *   FrameSource (FrameSources.open: simulator | device | file | stream; its own grabber thread, never waits)
 *     --> FrameRing (the last ~2 s)                 --> FreezeSelector (FREEZE: sharpest of the last 0.5 s + strip)
 *     --> LiveViewEncoder (newest JPEG, drops)      --> /live.mjpeg
 *   SCORE: held frame + operator ROI + clinical facts --> Scorer (LesionCrop, Backbone, DL signature, clinical
 *          signature, nomogram) --> Explainer (SHAP, Grad-CAM) --> ScoringAudit (before anything is shown or sent)
 *          --> UI response / ResultPublisher (room system over MQTT)
 * </pre>
 * The operator's actions (freeze, pick a candidate, mark, score) arrive from the side-monitor UI
 * (org.eusedge.web.SideMonitor); everything they touch is here.
 */
public final class Appliance implements AutoCloseable {
    /** At most this many frames of the freeze window are offered in the candidate strip. */
    static final int MAX_CANDIDATES = 8;
    /** Frozen frames kept for marking and scoring; older ones answer "no longer held". */
    static final int HELD_FRAMES = 48;
    /** Recent scorings whose frame and heat map are kept for the Grad-CAM overlay. */
    static final int KEPT_EXPLANATIONS = 16;

    private final ApplianceConfig config;
    private final Bundle bundle;
    private final FrameSource source;
    private final FrameRing ring = FrameRing.standard();
    private final FreezeSelector freezeSelector = FreezeSelector.standard(ring);
    private final LiveViewEncoder liveView = LiveViewEncoder.standard();
    private final HeldFrames held = new HeldFrames(HELD_FRAMES);
    private final Map<String, Explained> explained = lruMap(KEPT_EXPLANATIONS);
    private final Scorer scorer;
    private final Explainer explainer;
    private final ScoringAudit audit;
    private final ResultPublisher publisher;
    private final Consumer<String> log;
    private final Object scoringLock = new Object();
    private volatile double warmUpMs = Double.NaN;
    private Thread warmUpThread;
    private final CountDownLatch warm = new CountDownLatch(1);

    private Appliance(ApplianceConfig config, Bundle bundle, FrameSource source, Scorer scorer, ScoringAudit audit,
                      ResultPublisher publisher, Consumer<String> log) {
        this.config = config;
        this.bundle = bundle;
        this.source = source;
        this.scorer = scorer;
        this.explainer = new Explainer(scorer); // SHAP explainers are built once per bundle (fixed background)
        this.audit = audit;
        this.publisher = publisher;
        this.log = log;
    }

    /** The source the configuration names, not yet started (a file source loops at its own frame rate). */
    public static FrameSource openSource(ApplianceConfig config) {
        return FrameSources.open(config.source());
    }

    /**
     * compose(): opens the scorer and the explainer on the bundle (execution providers in the configured order), starts
     * the source feeding the ring and the live view, and warms the scorer and the explainer in the background with one
     * scoring of a simulated frame, so the live view is up at once and the first patient is not slow (a SCORE during
     * the warm-up waits for it). The appliance owns and closes the source and the scorer; the audit and the publisher
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
        Appliance a;
        try {
            a = new Appliance(config, bundle, source, scorer, audit, publisher, log);
        } catch (RuntimeException e) {
            scorer.close();
            throw e;
        }
        log.accept("model " + bundle.modelId() + " on " + scorer.provider() + "; source " + source.describe());
        source.start(frame -> {
            a.ring.push(frame);
            a.liveView.offer(frame);
        });
        a.warmUpThread = Thread.ofPlatform().daemon().name("scorer warm-up").start(a::warmUp);
        return a;
    }

    /**
     * One full scoring and explanation of a simulated frame with its true lesion outline and mid-range clinical
     * values, discarded: loads the backbone's kernels (a TensorRT engine from its cache) and the SHAP code paths.
     */
    private void warmUp() {
        try {
            synchronized (scoringLock) {
                long t0 = System.nanoTime();
                EusFrameSimulator sim = new EusFrameSimulator(1, 640, 480, 0.3);
                GreyImage frame = sim.nextLiveFrame();
                Map<String, Object> clinical = new LinkedHashMap<>();
                for (ClinicalVariable v : bundle.pipeline().clinicalSchema().variables()) {
                    clinical.put(v.name(), v.kind() == ClinicalVariable.Kind.BINARY ? 0.0 : (v.min() + v.max()) / 2);
                }
                explainer.explain(scorer.score(frame, sim.liveLesionRoi(), clinical));
                warmUpMs = (System.nanoTime() - t0) / 1e6;
            }
            log.accept("scorer and explainer warm in " + Math.round(warmUpMs) + " ms");
        } catch (RuntimeException e) {
            // the first real scoring will pay the start-up cost instead, and report any real fault itself
            log.accept("warm-up scoring failed (" + e.getMessage() + "); the first scoring will be slower");
        } finally {
            warm.countDown();
        }
    }

    /** Waits until the start-up scoring is done; true if it finished within {@code timeout}. */
    public boolean awaitWarm(Duration timeout) throws InterruptedException {
        return warm.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long the start-up scoring took (backbone, scorer and explainer on their first run), in ms; NaN until done. */
    public double warmUpMs() {
        return warmUpMs;
    }

    /** The configured bundle: the cached demo bundle (built on first use, ~2 min) or a bundle folder, verified. */
    public static Bundle loadBundle(ApplianceConfig config, Consumer<String> log) {
        return config.usesDemoBundle() ? DemoBundle.ensure(config.cacheDir(), log) : Bundle.load(Path.of(config.bundle()));
    }

    // ---- live view ----

    /** The newest frame, or null before the source has delivered one. */
    public Frame latestFrame() {
        return ring.latest().orElse(null);
    }

    /**
     * Waits up to {@code timeoutMillis} for a live-view picture newer than {@code afterSequence}; null if none came.
     * A slow viewer gets the newest picture, never a backlog; each frame is encoded once for all viewers.
     */
    public LiveJpeg awaitLiveJpeg(long afterSequence, long timeoutMillis) throws InterruptedException {
        return liveView.awaitNext(afterSequence, Duration.ofMillis(timeoutMillis));
    }

    // ---- freeze ----

    /** A frozen frame and the other frames of the freeze window the operator may pick instead. */
    public record Freeze(long frameId, int width, int height, List<Candidate> candidates) {}

    /** One frame of the candidate strip: its id, its sharpness and how long before the freeze it was captured. */
    public record Candidate(long frameId, double sharpness, double ageMs) {}

    /**
     * Takes the sharpest frame (variance of the Laplacian) of the last half second; every candidate of the strip is
     * held so the operator can switch to it.
     *
     * @throws IllegalStateException when the source has not delivered a frame yet
     */
    public Freeze freeze() {
        // one look at the window: the strip always holds its sharpest frame, which is the one frozen (two looks could
        // see different windows, as frames keep arriving)
        List<FreezeSelector.Candidate> strip = freezeSelector.candidates(MAX_CANDIDATES);
        FreezeSelector.Candidate best = strip.stream().max(java.util.Comparator.comparingDouble(FreezeSelector.Candidate::sharpness))
                .or(freezeSelector::select).orElseThrow(() -> new IllegalStateException(
                "no video yet: the source (" + source.describe() + ") is " + source.status().state()
                        + "; wait for the live image, then freeze"));
        long newest = strip.isEmpty() ? best.frame().timestampNanos()
                : Math.max(best.frame().timestampNanos(), strip.getLast().frame().timestampNanos());
        held.put(best.frame());
        List<Candidate> candidates = new ArrayList<>();
        for (FreezeSelector.Candidate c : strip) {
            held.put(c.frame());
            candidates.add(new Candidate(c.frame().sequence(), c.sharpness(), (newest - c.frame().timestampNanos()) / 1e6));
        }
        GreyImage image = best.frame().image();
        return new Freeze(best.frame().sequence(), image.width(), image.height(), candidates);
    }

    /**
     * A held (frozen or candidate) frame.
     *
     * @throws UnknownFrameException naming whether the id never existed or is no longer held
     */
    public Frame heldFrame(long frameId) {
        Frame f = held.get(frameId);
        if (f != null) return f;
        Frame latest = latestFrame();
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
        Double spacing = pixelSpacingMm();
        double feret = roi.feretDiameterPx();
        return new RoiMeasurement(feret, spacing == null ? null : feret * spacing, roi.areaPx());
    }

    /** The simulator knows its own spacing (it picks a depth the lesion fits); other sources take the configured one. */
    private Double pixelSpacingMm() {
        if (source instanceof SimulatorSource sim && Double.isFinite(sim.pixelSpacingMm())) return sim.pixelSpacingMm();
        return config.pixelSpacingMm();
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
        Prediction prediction;
        Scorer.Scoring scoring;
        awaitWarmUninterruptibly(); // the warm-up holds the scorer first; a SCORE right after start-up waits for it
        synchronized (scoringLock) { // one operator; the backbone session is used by one scoring at a time
            scoring = scorer.score(frame.image(), roi, clinical);
            prediction = explainer.explain(scoring);
        }
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
        if (prediction.explanation() instanceof Explanation ex && ex.gradCam() != null) {
            synchronized (explained) {
                explained.put(scoringId, new Explained(frame.image(), ex.gradCam()));
            }
        }

        ObjectNode message = json.deepCopy();
        message.put("message_id", scoringId);
        // the room system gets the result, not the patient's facts: age and sex together with a time can identify
        message.remove("clinical_inputs");
        try {
            json.put("message_id", publisher.publish(message));
        } catch (RuntimeException e) {
            // the result is audited and shown; the room system misses it and the operator is told why
            log.accept("scoring " + scoringId + " was not queued for the room system: " + e.getMessage());
            json.put("room_system_error", String.valueOf(e.getMessage()));
        }
        return new ScoringResult(scoringId, json);
    }

    private void awaitWarmUninterruptibly() {
        try {
            warm.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the scorer warms up", e);
        }
    }

    /** A recent scoring's frame and heat map, kept for its overlay picture. */
    private record Explained(GreyImage frame, Explanation.Cam cam) {}

    /**
     * The Grad-CAM heat map of a recent scoring over its frozen frame, as PNG (jet colours over the grey frame).
     *
     * @throws IllegalArgumentException when the scoring is not among the last {@value #KEPT_EXPLANATIONS} with a heat map
     */
    public byte[] gradCamOverlayPng(String scoringId) {
        Explained e;
        synchronized (explained) {
            e = explained.get(scoringId);
        }
        if (e == null) {
            throw new UnknownScoringException("no heat map for scoring '" + scoringId + "': only the last "
                    + KEPT_EXPLANATIONS + " scorings of this session keep theirs; score again to see it");
        }
        return Explainer.overlayPng(e.frame(), e.cam());
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
            if (warmUpThread != null) warmUpThread.join(60_000); // the scorer must not close under the warm-up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                liveView.close();
            } finally {
                scorer.close();
            }
        }
    }

    /** A scoring id that this session does not hold (404). */
    public static final class UnknownScoringException extends RuntimeException {
        UnknownScoringException(String message) {
            super(message);
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

    /** Frozen and candidate frames by id, least recently frozen dropped first. */
    private static final class HeldFrames {
        private final Map<Long, Frame> frames;

        HeldFrames(int capacity) {
            this.frames = lruMap(capacity);
        }

        synchronized void put(Frame f) {
            frames.remove(f.sequence());
            frames.put(f.sequence(), f);
        }

        synchronized Frame get(long id) {
            return frames.get(id);
        }
    }

    /** A map that drops its least recently inserted entry beyond {@code capacity}. */
    private static <K, V> Map<K, V> lruMap(int capacity) {
        return new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
