package org.eusedge.explain;

import org.eusedge.imaging.Box;
import org.eusedge.imaging.GreyImage;
import org.eusedge.inference.BackboneOutput;
import org.eusedge.model.DeepSignature;
import org.eusedge.model.Pipeline;
import org.eusedge.model.Prediction;
import org.eusedge.model.ShapBackground;
import org.eusedge.model.Scorer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a scoring of a bundle's pipeline: KernelSHAP of the deep signature (over its standardised selected
 * features) and of the nomogram (over its two signatures), and a heat map of the deep signature for the class the
 * appliance shows: Grad-CAM through the SVM (analytic gradient), or, for a learner without a usable gradient (trees),
 * an occlusion map computed through the whole pipeline (slower: one backbone run per patch). The KernelSHAP
 * explainers are built once per bundle (their background is fixed).
 */
public final class Explainer {
    /** Occlusion patches tile the 224 px crop as the 7 x 7 grid of ResNet18's last map. */
    private static final int OCCLUSION_GRID = 7;

    private final Scorer scorer;
    private final Pipeline pipeline;
    private final KernelShap deepShap;
    private final KernelShap nomogramShap;

    public Explainer(Scorer scorer) {
        this.scorer = scorer;
        this.pipeline = scorer.bundle().pipeline();
        Pipeline.Explanations e = pipeline.explanations();
        this.deepShap = deepShap(pipeline);
        ShapBackground nb = e.nomogramBackground();
        this.nomogramShap = new KernelShap(x -> pipeline.nomogram().probability(x), nb.rows(), nb.weights(), Link.IDENTITY,
                e.shapSamples(), e.seed());
    }

    /**
     * KernelSHAP of the deep signature over its standardised selected features, against the bundle's background
     * (the fast exact-kernel path for an SVM); null without a deep signature. Not thread-safe: one per user.
     */
    public static KernelShap deepShap(Pipeline pipeline) {
        Pipeline.Explanations e = pipeline.explanations();
        DeepSignature deep = pipeline.deepSignature();
        if (deep == null || e.deepBackground() == null) return null;
        if (deep.svm().isPresent()) {
            return KernelShap.forSvm(deep.svm().get(), SvmOutput.PROBABILITY, e.deepBackground().rows(),
                    e.deepBackground().weights(), Link.IDENTITY, e.shapSamples(), e.seed());
        }
        return new KernelShap(x -> deep.model().probability(x), e.deepBackground().rows(), e.deepBackground().weights(),
                Link.IDENTITY, e.shapSamples(), e.seed());
    }

    /** Adds the explanations to the scoring's prediction, with their stage timings ("shap", "gradcam"). */
    public Prediction explain(Scorer.Scoring scoring) {
        Prediction p = scoring.prediction();
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Explanation.Shap deep = null;
        DeepSignature ds = pipeline.deepSignature();
        if (deepShap != null) {
            double[] x = ds.input(scoring.backboneOutput().features()[0]);
            ShapResult r;
            synchronized (deepShap) {
                r = deepShap.explain(x);
            }
            deep = summary(r, ds.features(), x);
        }
        double[] sig = pipeline.signatures(p.dlSignature(), p.clinicalSignature());
        ShapResult nr;
        synchronized (nomogramShap) {
            nr = nomogramShap.explain(sig);
        }
        Explanation.Shap nomo = summary(nr, pipeline.nomogram().predictors(), sig);
        long t1 = System.nanoTime();
        Explanation.Cam cam = ds == null ? null : ds.svm().isPresent() ? gradCam(ds, scoring, p) : occlusion(scoring, p);
        long t2 = System.nanoTime();
        timings.put("shap", (t1 - t0) / 1e6);
        timings.put("gradcam", (t2 - t1) / 1e6);
        return p.withExplanation(new Explanation(deep, nomo, cam), timings);
    }

    private Explanation.Shap summary(ShapResult r, List<String> names, double[] x) {
        List<Explanation.Contribution> all = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) all.add(new Explanation.Contribution(names.get(j), x[j], r.values()[j]));
        all.sort(Comparator.comparingDouble((Explanation.Contribution c) -> -Math.abs(c.shap())));
        int top = Math.min(all.size(), pipeline.explanations().topContributions());
        double others = all.subList(top, all.size()).stream().mapToDouble(Explanation.Contribution::shap).sum();
        return new Explanation.Shap(r.baseValue(), r.fx(), List.copyOf(all.subList(0, top)), others, names.size());
    }

    private Explanation.Cam gradCam(DeepSignature ds, Scorer.Scoring scoring, Prediction p) {
        BackboneOutput out = scoring.backboneOutput();
        boolean positiveShown = p.decision().equals(p.positiveClass());
        CamResult cam = GradCam.compute(ds.svm().orElseThrow(), ds.standardiser().mean(), ds.standardiser().sd(),
                ds.channels(), out.maps()[0], out.channels(), out.height(), out.width(), positiveShown);
        return cam("grad-cam", p, scoring.crop().box(), GradCam.normalise(cam.cam()), cam.height(), cam.width());
    }

    private Explanation.Cam occlusion(Scorer.Scoring scoring, Prediction p) {
        int size = pipeline.crop().inputSize();
        int patch = size / OCCLUSION_GRID;
        float[] drops = new OcclusionMap(patch, patch, 0f).compute(scorer::deepProbability, scoring.crop().chw(), 3, size, size);
        boolean positiveShown = p.decision().equals(p.positiveClass());
        float[] grid = new float[OCCLUSION_GRID * OCCLUSION_GRID];
        for (int r = 0; r < OCCLUSION_GRID; r++) {
            for (int c = 0; c < OCCLUSION_GRID; c++) {
                float d = drops[(r * patch + patch / 2) * size + c * patch + patch / 2];
                grid[r * OCCLUSION_GRID + c] = Math.max(0f, positiveShown ? d : -d); // evidence for the class shown
            }
        }
        return cam("occlusion", p, scoring.crop().box(), GradCam.normalise(grid), OCCLUSION_GRID, OCCLUSION_GRID);
    }

    private static Explanation.Cam cam(String method, Prediction p, Box b, float[] grid, int rows, int cols) {
        int peak = 0;
        for (int i = 1; i < grid.length; i++) if (grid[i] > grid[peak]) peak = i;
        double cellW = (double) b.width() / cols, cellH = (double) b.height() / rows;
        return new Explanation.Cam(method, p.decision(), b, rows, cols, grid,
                b.x0() + (peak % cols + 0.5) * cellW, b.y0() + (peak / cols + 0.5) * cellH);
    }

    /** The Grad-CAM heat map over the frame as a PNG overlay (jet colours, alpha 0.45) for the UI and the report. */
    public static byte[] overlayPng(GreyImage frame, Explanation.Cam cam) {
        Box b = cam.box();
        float[] heat = GradCam.toFrame(cam.grid(), cam.rows(), cam.cols(), b.x0(), b.y0(), b.x1(), b.y1(), frame.width(),
                frame.height());
        BufferedImage img = GradCam.overlay(frame.pixels(), frame.width(), frame.height(), heat, 0.45);
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
