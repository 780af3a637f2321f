package org.eusedge.training;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.eusedge.imaging.CropSpec;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.LesionCrop;
import org.eusedge.inference.Backbone;
import org.eusedge.inference.BackboneOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * Pooled backbone features of every case, through the same {@link LesionCrop} and {@link Backbone} the appliance uses
 * (no train/serve skew). Crops go through the backbone in small batches.
 */
public final class FeatureExtractor {
    private static final int BATCH = 8;

    private FeatureExtractor() {}

    public static FeatureTable extract(Cohort cohort, Backbone backbone, CropSpec crop, boolean progress) {
        int n = cohort.cases().size();
        double[][] features = new double[n][];
        try (ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("features").setInitialMax(n)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build() : null) {
            for (int start = 0; start < n; start += BATCH) {
                int end = Math.min(n, start + BATCH);
                float[][] batch = new float[end - start][];
                for (int i = start; i < end; i++) {
                    Cohort.Case c = cohort.cases().get(i);
                    try {
                        batch[i - start] = LesionCrop.crop(GreyImage.read(c.image()), c.roi(), crop).chw();
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("case " + c.id() + ": " + e.getMessage(), e);
                    }
                }
                BackboneOutput out = backbone.run(batch);
                for (int i = start; i < end; i++) {
                    float[] f = out.features()[i - start];
                    double[] d = new double[f.length];
                    for (int j = 0; j < f.length; j++) d[j] = f[j];
                    features[i] = d;
                }
                if (bar != null) bar.stepTo(end);
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> splits = new ArrayList<>();
        double[][] clinical = new double[n][];
        for (int i = 0; i < n; i++) {
            Cohort.Case c = cohort.cases().get(i);
            ids.add(c.id());
            splits.add(c.split() == null ? "" : c.split());
            clinical[i] = c.clinical().clone();
        }
        return new FeatureTable(ids, cohort.labels(), splits, cohort.clinicalNames(), clinical,
                FeatureTable.defaultFeatureNames(backbone.featureDim()), features);
    }
}
