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
 * features) and of the nomogram (over its two signatures), and Grad-CAM of the deep signature through the SVM for
 * the class the appliance shows. The KernelSHAP explainers are built once per bundle (their background is fixed).
 */
public final class Explainer {
    private final Pipeline pipeline;
    private final KernelShap deepShap;
    private final KernelShap nomogramShap;

    public Explainer(Pipeline pipeline) {
        this.pipeline = pipeline;
        Pipeline.Explanations e = pipeline.explanations();
        DeepSignature deep = pipeline.deepSignature();
        this.deepShap = deep == null || e.deepBackground() == null ? null
                : KernelShap.forSvm(deep.svm(), SvmOutput.PROBABILITY, e.deepBackground().rows(),
                e.deepBackground().weights(), Link.IDENTITY, e.shapSamples(), e.seed());
        ShapBackground nb = e.nomogramBackground();
        this.nomogramShap = new KernelShap(x -> pipeline.nomogram().probability(x), nb.rows(), nb.weights(), Link.IDENTITY,
                e.shapSamples(), e.seed());
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
        Explanation.Cam cam = ds == null ? null : gradCam(ds, scoring, p);
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
        CamResult cam = GradCam.compute(ds.svm(), ds.standardiser().mean(), ds.standardiser().sd(), ds.channels(),
                out.maps()[0], out.channels(), out.height(), out.width(), positiveShown);
        float[] grid = GradCam.normalise(cam.cam());
        int peak = 0;
        for (int i = 1; i < grid.length; i++) if (grid[i] > grid[peak]) peak = i;
        Box b = scoring.crop().box();
        double cellW = (double) b.width() / cam.width(), cellH = (double) b.height() / cam.height();
        return new Explanation.Cam(p.decision(), b, cam.height(), cam.width(), grid,
                b.x0() + (peak % cam.width() + 0.5) * cellW, b.y0() + (peak / cam.width() + 0.5) * cellH);
    }

    /** The Grad-CAM heat map over the frame as a PNG overlay (jet colours, alpha 0.45) for the UI and the report. */
    public static byte[] overlayPng(GreyImage frame, Explanation.Cam cam) {
        Box b = cam.box();
        CamResult grid = new CamResult(cam.grid(), cam.rows(), cam.cols(), new float[0], 0, 0);
        float[] heat = GradCam.toFrame(grid, b.x0(), b.y0(), b.x1(), b.y1(), frame.width(), frame.height());
        BufferedImage img = GradCam.overlay(frame.pixels(), frame.width(), frame.height(), heat, 0.45);
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
