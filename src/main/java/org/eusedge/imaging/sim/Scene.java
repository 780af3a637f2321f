package org.eusedge.imaging.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eusedge.imaging.PolygonRoi;

/**
 * The tissue under the probe in scene coordinates (the frame's pixels when the probe has not drifted): parenchyma
 * texture, an organ interface, vessels, and one lesion. {@link #echo} gives the echogenicity (the mean backscatter
 * amplitude, ~0.55 for parenchyma) before speckle, attenuation and log compression.
 */
final class Scene {
    private static final int OUTLINE_VERTICES = 96;
    private static final double PARENCHYMA = 0.55;

    final LesionSpec spec;
    final int pad;
    private final int canvasW;
    private final float[] coarse;
    private final float[] fine;
    private final float[] lesionTexture;
    final double cx, cy, r0;
    private final double[] amp, phase;
    private final double edgeWidth, lesionEcho, heterogeneity;
    final List<double[]> cysts = new ArrayList<>();          // {x, y, r}
    final List<double[]> calcifications = new ArrayList<>(); // {x, y, r}
    private final List<double[]> vessels = new ArrayList<>(); // {x, y, rx, ry}
    private final double interfaceY, interfaceAmp, interfacePhase;

    private Scene(Random rng, LesionSpec spec, Fan fan, int w, int h, double spacingMm, int pad) {
        this.spec = spec;
        this.pad = pad;
        this.canvasW = w + 2 * pad;
        int canvasH = h + 2 * pad;
        coarse = NoiseField.smooth(rng, canvasW, canvasH, Math.max(2, h / 40));
        fine = NoiseField.smooth(rng, canvasW, canvasH, 1);
        lesionTexture = NoiseField.smooth(rng, canvasW, canvasH, Math.max(2, h / 90));

        // outline: r(phi) = r0 (1 + sum_k a_k cos(k phi + p_k)); a near-ellipse, or strong harmonics 3..8
        amp = new double[9];
        phase = new double[9];
        for (int k = 2; k <= 8; k++) phase[k] = rng.nextDouble() * 2 * Math.PI;
        amp[2] = rng.nextDouble() * (spec.shapeIrregular() ? 0.15 : 0.12);
        amp[3] = rng.nextDouble() * 0.03;
        for (int k = 3; k <= 8; k++) {
            if (spec.shapeIrregular()) amp[k] = (0.06 + 0.08 * rng.nextDouble()) * Math.sqrt(3.0 / k);
            else if (!spec.pnet() && k >= 4 && k <= 6) amp[k] += 0.025 * rng.nextDouble();
        }
        double targetPx = spec.diameterMm() / spacingMm;
        r0 = targetPx / new PolygonRoi(outlineXs(1, 0), outlineYs(1, 0)).feretDiameterPx();

        edgeWidth = spec.marginUnclear() ? Math.max(1.5, 0.12 * r0) : 0.7;
        lesionEcho = spec.hypoechoic() ? 0.22 : 0.95;
        heterogeneity = (spec.uniform() ? 0.10 : 0.45) + (spec.pnet() ? 0 : 0.10);

        // place the lesion where the whole outline (plus drift) stays inside the sector
        double margin = pad + 6;
        double[] centre = null;
        for (int attempt = 0; attempt < 400 && centre == null; attempt++) {
            double r = fan.rMin() + (fan.rMax() - fan.rMin()) * (0.25 + 0.6 * rng.nextDouble());
            double a = (rng.nextDouble() * 2 - 1) * fan.halfAngle() * 0.6;
            double x = fan.apexX() + r * Math.sin(a);
            double y = fan.apexY() + r * Math.cos(a);
            if (fits(fan, w, h, x, y, margin)) centre = new double[] {x, y};
        }
        if (centre == null) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a %.1f mm lesion is %.0f px across at %.3f mm/px and does not fit in the %dx%d sector;"
                            + " use a larger pixel spacing (a deeper depth setting) or a larger frame",
                    spec.diameterMm(), targetPx, spacingMm, w, h));
        }
        cx = centre[0];
        cy = centre[1];

        if (spec.cystic()) {
            int n = 1 + rng.nextInt(3);
            for (int i = 0; i < n; i++) {
                double a = rng.nextDouble() * 2 * Math.PI;
                double d = 0.5 * r0 * rng.nextDouble();
                cysts.add(new double[] {cx + d * Math.cos(a), cy + d * Math.sin(a), r0 * (0.10 + 0.12 * rng.nextDouble())});
            }
        }
        if (spec.calcification()) {
            int n = 1 + rng.nextInt(3);
            for (int i = 0; i < n; i++) {
                double a = rng.nextDouble() * 2 * Math.PI;
                double d = 0.6 * r0 * rng.nextDouble();
                calcifications.add(new double[] {cx + d * Math.cos(a), cy + d * Math.sin(a), 1.5 + 2 * rng.nextDouble()});
            }
        }
        int nVessels = 1 + rng.nextInt(2);
        for (int attempt = 0; attempt < 60 && vessels.size() < nVessels; attempt++) {
            double r = fan.rMin() + (fan.rMax() - fan.rMin()) * (0.2 + 0.7 * rng.nextDouble());
            double a = (rng.nextDouble() * 2 - 1) * fan.halfAngle();
            double rx = h * (0.02 + 0.04 * rng.nextDouble());
            double ry = rx * (0.5 + 0.5 * rng.nextDouble());
            double x = fan.apexX() + r * Math.sin(a);
            double y = fan.apexY() + r * Math.cos(a);
            if (Math.hypot(x - cx, y - cy) > 1.35 * r0 + rx + 8) vessels.add(new double[] {x, y, rx, ry});
        }
        interfaceY = fan.apexY() + fan.rMin() + (fan.rMax() - fan.rMin()) * (0.15 + 0.1 * rng.nextDouble());
        interfaceAmp = h * 0.03 * rng.nextDouble();
        interfacePhase = rng.nextDouble() * 2 * Math.PI;
    }

    private float[] echoMap;

    /**
     * Echogenicity over the scene canvas, (w + 2 pad) x (h + 2 pad), row-major, sampled at pixel centres: entry
     * (x + pad, y + pad) is the frame pixel (x, y) before any drift. Computed once; drift only shifts it.
     */
    float[] echoMap() {
        if (echoMap == null) {
            int canvasH = coarse.length / canvasW;
            float[] m = new float[canvasW * canvasH];
            for (int y = 0; y < canvasH; y++) {
                for (int x = 0; x < canvasW; x++) m[y * canvasW + x] = (float) echo(x - pad + 0.5, y - pad + 0.5);
            }
            echoMap = m;
        }
        return echoMap;
    }

    int canvasWidth() {
        return canvasW;
    }

    static Scene build(Random rng, LesionSpec spec, Fan fan, int w, int h, double spacingMm, int driftMargin) {
        return new Scene(rng, spec, fan, w, h, spacingMm, driftMargin);
    }

    private boolean fits(Fan fan, int w, int h, double x, double y, double margin) {
        double[] xs = outlineXs(r0, x);
        double[] ys = outlineYs(r0, y);
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] < margin || ys[i] < margin || xs[i] > w - margin || ys[i] > h - margin) return false;
            if (!fan.containsWithMargin(xs[i], ys[i], margin)) return false;
        }
        return true;
    }

    private double radiusAt(double phi, double scale) {
        double s = 1;
        for (int k = 2; k <= 8; k++) s += amp[k] * Math.cos(k * phi + phase[k]);
        return scale * s;
    }

    private double[] outlineXs(double scale, double x0) {
        double[] xs = new double[OUTLINE_VERTICES];
        for (int i = 0; i < xs.length; i++) {
            double phi = 2 * Math.PI * i / OUTLINE_VERTICES;
            xs[i] = x0 + radiusAt(phi, scale) * Math.cos(phi);
        }
        return xs;
    }

    private double[] outlineYs(double scale, double y0) {
        double[] ys = new double[OUTLINE_VERTICES];
        for (int i = 0; i < ys.length; i++) {
            double phi = 2 * Math.PI * i / OUTLINE_VERTICES;
            ys[i] = y0 + radiusAt(phi, scale) * Math.sin(phi);
        }
        return ys;
    }

    /** The lesion outline in frame coordinates when the scene is shifted by (dx, dy). */
    PolygonRoi outline(int dx, int dy) {
        return new PolygonRoi(outlineXs(r0, cx + dx), outlineYs(r0, cy + dy));
    }

    private float texture(float[] field, double sx, double sy) {
        int x = (int) Math.max(0, Math.min(canvasW - 1, Math.floor(sx) + pad));
        int y = (int) Math.max(0, Math.min(field.length / canvasW - 1, Math.floor(sy) + pad));
        return field[y * canvasW + x];
    }

    /** Echogenicity at scene point (sx, sy). */
    double echo(double sx, double sy) {
        double e = PARENCHYMA * (1 + 0.22 * texture(coarse, sx, sy) + 0.10 * texture(fine, sx, sy));
        double line = sy - (interfaceY + interfaceAmp * Math.sin(sx / 90.0 + interfacePhase));
        e += 0.9 * Math.exp(-line * line / 8.0);
        if (line > 0) e *= 0.85;
        for (double[] v : vessels) {
            double q = Math.hypot((sx - v[0]) / v[2], (sy - v[1]) / v[3]);
            double wallPx = Math.abs(q - 1) * Math.min(v[2], v[3]);
            if (q < 1) e = 0.04;
            if (wallPx < 1.5) e += 0.8;
        }
        double rho = Math.hypot(sx - cx, sy - cy);
        if (rho > 1.6 * r0 + 6 * edgeWidth) return Math.max(e, 0.03);
        double rL = radiusAt(Math.atan2(sy - cy, sx - cx), r0);
        double w = 1 / (1 + Math.exp(-(rL - rho) / edgeWidth));
        if (w < 1e-4) return Math.max(e, 0.03);
        double t = texture(lesionTexture, sx, sy);
        double lesion = lesionEcho * Math.max(0.05, 1 + heterogeneity * t + 0.08 * texture(fine, sx, sy));
        for (double[] c : cysts) {
            double d = Math.hypot(sx - c[0], sy - c[1]) - c[2];
            lesion *= 1 - 0.93 / (1 + Math.exp(d / 1.0));
        }
        for (double[] c : calcifications) {
            double d = Math.hypot(sx - c[0], sy - c[1]) - c[2];
            lesion = Math.max(lesion, 3.5 / (1 + Math.exp(d / 0.7)));
        }
        return Math.max(0.03, e * (1 - w) + lesion * w);
    }
}
