package org.eusedge.imaging.sim;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Random;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.MaskRoi;
import org.eusedge.imaging.PolygonRoi;

/**
 * Synthetic endoscopic-ultrasound B-mode frames, for demos and tests only: every frame carries burned-in
 * "SIMULATED" / "SYNTHETIC" text. A 110-degree sector with its apex at the top centre; tissue echogenicity from
 * {@link Scene}; fully developed speckle (Rayleigh amplitude of a laterally correlated complex Gaussian field);
 * depth attenuation partly undone by a mild time-gain compensation; log compression to 8 bits; the processor-style
 * overlay (probe frequency, depth) in the top corners.
 *
 * <p>Deterministic: the same seed, size and spacing give the same frames, in the same order of calls.
 * Not thread-safe (one source, one thread).
 */
public final class EusFrameSimulator {
    public static final double DEFAULT_PIXEL_SPACING_MM = 0.1;
    static final double FREQUENCY_MHZ = 7.5;
    /** How far the probe may drift in a live sequence, in pixels; lesions are placed with this much room. */
    static final int LIVE_DRIFT_PX = 12;
    /** Frame-to-frame correlation of the speckle's complex field in a live sequence. */
    static final double LIVE_SPECKLE_CORRELATION = 0.8;
    private static final int NOISE_POOL_SIZE = 1 << 20;

    private final int width;
    private final int height;
    private final double pixelSpacingMm;
    private final Random rng;
    private final Fan fan;
    private final float[] gain;

    private Scene live;
    private float[] liveRe;
    private float[] liveIm;
    private int liveIndex;
    private PolygonRoi liveRoi;
    private float[] noisePool;
    private float[] pixelRadius;
    private float[] pixelAngle;
    private float[] pixelGain;
    private byte[] overlay;

    public EusFrameSimulator(long seed, int width, int height) {
        this(seed, width, height, DEFAULT_PIXEL_SPACING_MM);
    }

    public EusFrameSimulator(long seed, int width, int height, double pixelSpacingMm) {
        if (width < 64 || height < 64) {
            throw new IllegalArgumentException("simulated frames must be at least 64x64, got " + width + "x" + height);
        }
        if (!(pixelSpacingMm > 0) || Double.isInfinite(pixelSpacingMm)) {
            throw new IllegalArgumentException("pixel spacing must be a positive number of mm, got " + pixelSpacingMm);
        }
        this.width = width;
        this.height = height;
        this.pixelSpacingMm = pixelSpacingMm;
        this.rng = new Random(seed);
        this.fan = Fan.forFrame(width, height);
        this.gain = depthGain();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double pixelSpacingMm() {
        return pixelSpacingMm;
    }

    /** Imaging depth shown on screen: the sector radius times the pixel spacing. */
    public double depthCm() {
        return fan.rMax() * pixelSpacingMm / 10;
    }

    /** The largest lesion diameter (mm) this simulator places comfortably inside its sector. */
    public double maxComfortableDiameterMm() {
        return 0.45 * (fan.rMax() - fan.rMin()) * pixelSpacingMm;
    }

    /** A still frame with one lesion drawn from {@code spec}, its outline and its mask. */
    public SimulatedCase renderCase(LesionSpec spec) {
        Scene scene = Scene.build(rng, spec, fan, width, height, pixelSpacingMm, 0);
        float[] re = gaussian(width * height);
        float[] im = gaussian(width * height);
        GreyImage frame = render(scene, 0, 0, re, im);
        PolygonRoi roi = scene.outline(0, 0);
        return new SimulatedCase(frame, roi, new MaskRoi(width, height, roi.rasterize(width, height)), spec,
                pixelSpacingMm);
    }

    /**
     * The next frame of a live sequence: one scene (a lesion drawn with a random class's Table 1 frequencies, its
     * diameter capped so that it fits the sector at this spacing) seen
     * by a probe that drifts slowly (a few pixels a second, within +-{@value #LIVE_DRIFT_PX} px) while the speckle
     * partly decorrelates from frame to frame. The lesion stays in view; {@link #liveLesionRoi()} is its outline
     * in the frame last returned.
     */
    public GreyImage nextLiveFrame() {
        if (live == null) {
            LesionSpec drawn = LesionSpec.draw(rng.nextBoolean(), rng);
            double fitting = Math.min(drawn.diameterMm(), 0.7 * maxComfortableDiameterMm());
            LesionSpec spec = new LesionSpec(drawn.pnet(), fitting, drawn.shapeIrregular(), drawn.marginUnclear(),
                    drawn.hypoechoic(), drawn.uniform(), drawn.calcification(), drawn.cystic());
            live = Scene.build(rng, spec, fan, width, height, pixelSpacingMm, LIVE_DRIFT_PX);
            liveRe = gaussian(width * height);
            liveIm = gaussian(width * height);
            noisePool = gaussian(NOISE_POOL_SIZE);
        } else {
            // fresh noise from a pre-drawn pool at random offsets: per-pixel Gaussian draws would cost more than
            // the rest of the frame
            double keep = LIVE_SPECKLE_CORRELATION;
            float fresh = (float) Math.sqrt(1 - keep * keep);
            int offRe = rng.nextInt(NOISE_POOL_SIZE);
            int offIm = rng.nextInt(NOISE_POOL_SIZE);
            int mask = NOISE_POOL_SIZE - 1;
            for (int i = 0; i < liveRe.length; i++) {
                liveRe[i] = (float) keep * liveRe[i] + fresh * noisePool[(offRe + i) & mask];
                liveIm[i] = (float) keep * liveIm[i] + fresh * noisePool[(offIm + 7 * i) & mask];
            }
        }
        double t = liveIndex++;
        int dx = (int) Math.round(LIVE_DRIFT_PX * (0.7 * Math.sin(t / 40.0) + 0.3 * Math.sin(t / 13.0 + 1)));
        int dy = (int) Math.round(LIVE_DRIFT_PX * 0.5 * Math.sin(t / 55.0 + 2));
        liveRoi = live.outline(dx, dy);
        return render(live, dx, dy, liveRe, liveIm);
    }

    /** Outline of the live lesion in the last frame from {@link #nextLiveFrame()}; null before the first. */
    public PolygonRoi liveLesionRoi() {
        return liveRoi;
    }

    /** Spec of the live lesion; null before the first live frame. */
    public LesionSpec liveLesionSpec() {
        return live == null ? null : live.spec;
    }

    private float[] gaussian(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) rng.nextGaussian();
        return f;
    }

    /** Attenuation exp(-1.2 t) times a mild TGC ramp (1 + 0.8 t), t = normalised depth 0..1. */
    private float[] depthGain() {
        int n = (int) Math.ceil(fan.rMax()) + 2;
        float[] g = new float[n];
        for (int r = 0; r < n; r++) {
            double t = Math.max(0, (r - fan.rMin()) / (fan.rMax() - fan.rMin()));
            g[r] = (float) (Math.exp(-1.2 * t) * (1 + 0.8 * t));
        }
        return g;
    }

    /** Per-pixel sector geometry, computed once: beam radius and angle, and the depth gain (0 outside). */
    private void precomputeGeometry() {
        int n = width * height;
        pixelRadius = new float[n];
        pixelAngle = new float[n];
        pixelGain = new float[n];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double r = fan.radius(x + 0.5, y + 0.5);
                double a = fan.angle(x + 0.5, y + 0.5);
                pixelRadius[i] = (float) r;
                pixelAngle[i] = (float) a;
                boolean inside = r >= fan.rMin() && r <= fan.rMax() && Math.abs(a) <= fan.halfAngle();
                pixelGain[i] = inside ? gain[(int) r] : 0;
            }
        }
    }

    private GreyImage render(Scene scene, int dx, int dy, float[] re, float[] im) {
        if (pixelGain == null) precomputeGeometry();
        float[] echo = scene.echoMap();
        int canvasW = scene.canvasWidth();
        int pad = scene.pad;
        byte[] px = new byte[width * height];
        double logMax = Math.log1p(4 * 3.0);
        // calcifications in frame coordinates, for their acoustic shadows along the beam
        int nc = scene.calcifications.size();
        double[] calcR = new double[nc];
        double[] calcA = new double[nc];
        double[] calcSize = new double[nc];
        for (int i = 0; i < nc; i++) {
            double[] c = scene.calcifications.get(i);
            calcR[i] = fan.radius(c[0] + dx, c[1] + dy);
            calcA[i] = fan.angle(c[0] + dx, c[1] + dy);
            calcSize[i] = c[2];
        }
        int layer = Math.max(2, (int) Math.round(0.012 * height));
        double[] wallProfile = {1.4, 0.25, 1.1, 0.2, 0.9};
        for (int y = 0; y < height; y++) {
            int row = (y - dy + pad) * canvasW + pad - dx;
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                float g = pixelGain[i];
                if (g == 0) continue;
                double r = pixelRadius[i];
                int wallIndex = (int) ((r - fan.rMin()) / layer);
                double e = wallIndex < wallProfile.length ? wallProfile[wallIndex] // the gut wall's five layers
                        : echo[row + x];
                for (int k = 0; k < nc; k++) {
                    if (r > calcR[k] + calcSize[k] && Math.abs(pixelAngle[i] - calcA[k]) * calcR[k] < 1.3 * calcSize[k]) {
                        e *= 0.2;
                    }
                }
                // lateral [1/4, 1/2, 1/4] smoothing correlates the speckle across the beam, as a finite aperture does
                int il = x > 0 ? i - 1 : i;
                int ir = x < width - 1 ? i + 1 : i;
                double zr = 0.25 * re[il] + 0.5 * re[i] + 0.25 * re[ir];
                double zi = 0.25 * im[il] + 0.5 * im[i] + 0.25 * im[ir];
                double speckle = Math.sqrt((zr * zr + zi * zi) / 0.75); // E[speckle^2] = 1
                double v = 255 * Math.log1p(4 * e * speckle * g) / logMax;
                px[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
            }
        }
        if (overlay == null) overlay = renderOverlay();
        for (int i = 0; i < px.length; i++) if (overlay[i] != 0) px[i] = overlay[i];
        return new GreyImage(width, height, px);
    }

    /**
     * The processor-style labels as a layer (0 = transparent), drawn once and burned into every frame; antialiasing
     * off so the pixels do not depend on a rendering hint.
     */
    private byte[] renderOverlay() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(new Color(235, 235, 235));
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(9, height / 36)));
            FontMetrics fm = g.getFontMetrics();
            int line = fm.getHeight();
            int margin = 4;
            g.drawString("EUS EDGE SIMULATOR", margin, margin + fm.getAscent());
            g.drawString(String.format(Locale.ROOT, "%.1f MHz  D %.1f cm", FREQUENCY_MHZ, depthCm()),
                    margin, margin + fm.getAscent() + line);
            String sim = "SIMULATED";
            String syn = "SYNTHETIC";
            g.drawString(sim, width - margin - fm.stringWidth(sim), margin + fm.getAscent());
            g.drawString(syn, width - margin - fm.stringWidth(syn), margin + fm.getAscent() + line);
        } finally {
            g.dispose();
        }
        return GreyImage.of(img).pixels();
    }
}
