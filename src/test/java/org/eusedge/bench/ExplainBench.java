package org.eusedge.bench;

import org.eusedge.explain.GradCam;
import org.eusedge.explain.KernelShap;
import org.eusedge.explain.Link;
import org.eusedge.explain.ShapResult;
import org.eusedge.explain.SvmOutput;
import org.eusedge.imaging.CropSpec;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.LesionCrop;
import org.eusedge.imaging.MaskRoi;
import org.eusedge.inference.Backbone;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.inference.BackboneOutput;
import org.eusedge.model.Standardiser;
import org.eusedge.model.SvmModel;
import org.eusedge.training.DemoBundle;
import org.eusedge.training.FeatureTable;
import org.eusedge.training.SvmTrainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The explanation budget of issue 4: KernelSHAP (2M + 2048 coalitions, 50-row k-means background) plus Grad-CAM, for an
 * RBF SVM with Platt probabilities on M = 27 standardised features, per explained case. The SVM is fitted by LIBSVM
 * on the reference example's first 27 features (186 training rows); Grad-CAM runs on a real layer4 map of the
 * project's ResNet18 for a BrEaST lesion crop, with the 27 features read as 27 of its channels.
 * Usage: ExplainBench [runs=200].
 */
public final class ExplainBench {
    private static final int M = 27;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path shared = Path.of(System.getProperty("eusedge.shared", "../shared"));
        FeatureTable t = FeatureTable.readCsv(shared.resolve("reference/example/synthetic_seed1.csv"), List.of());
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (!t.splits().get(i).equals("train")) continue;
            double[] r = new double[M];
            System.arraycopy(t.features()[i], 0, r, 0, M);
            rows.add(r);
            labels.add(t.labels()[i]);
        }
        double[][] raw = rows.toArray(double[][]::new);
        Standardiser z = Standardiser.fit(raw);
        double[][] x = z.apply(raw);
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        SvmModel svm = SvmTrainer.defaults(0).fit(x, y);
        KernelShap.Summary bg = KernelShap.summarise(x, 50, 0);
        KernelShap shap = KernelShap.forSvm(svm, SvmOutput.PROBABILITY, bg.centres(), bg.weights(), Link.IDENTITY,
                KernelShap.AUTO_SAMPLES, 0);

        Path cache = Path.of(System.getProperty("eusedge.home", ".")).resolve("cache");
        BackboneOutput out;
        try (Backbone b = Backbone.open(DemoBundle.projectResNet18(cache, 0), BackboneOptions.defaults().withProviders(List.of("cpu")))) {
            Path data = shared.resolve("data/breast-lesions-usg");
            var crop = LesionCrop.crop(GreyImage.read(data.resolve("images/case010.png")),
                    MaskRoi.read(data.resolve("masks/case010_tumor.png")), CropSpec.defaults());
            out = b.run(new float[][] {crop.chw()});
        }
        int[] channels = new int[M];
        for (int j = 0; j < M; j++) channels[j] = j * 17 % out.channels();
        double[] pooled = GradCam.pool(out.maps()[0], out.channels(), out.height(), out.width());
        double[] mean = new double[M], sd = new double[M];
        for (int j = 0; j < M; j++) { mean[j] = pooled[channels[j]]; sd[j] = 1; }

        List<Double> shapMs = new ArrayList<>(), camMs = new ArrayList<>(), both = new ArrayList<>();
        double sink = 0;
        for (int i = -20; i < runs; i++) {
            double[] xi = x[Math.floorMod(i, x.length)];
            long t0 = System.nanoTime();
            ShapResult r = shap.explain(xi);
            long t1 = System.nanoTime();
            var cam = GradCam.compute(svm, mean, sd, channels, out.maps()[0], out.channels(), out.height(), out.width(), true);
            long t2 = System.nanoTime();
            sink += r.fx() + cam.decision();
            if (i < 0) continue;
            shapMs.add((t1 - t0) / 1e6);
            camMs.add((t2 - t1) / 1e6);
            both.add((t2 - t0) / 1e6);
        }
        System.out.println("ExplainBench: RBF SVM (" + svm.supportVectors().length + " support vectors) on M = " + M
                + " features, 50-row k-means background, 2M + 2048 coalitions; Grad-CAM on a 512x7x7 map; "
                + runs + " runs after 20 warm-up (checksum " + Math.round(sink) + ")");
        System.out.println("machine: " + Machine.describe());
        System.out.println(Machine.header());
        System.out.println(Machine.row("KernelSHAP", shapMs));
        System.out.println(Machine.row("Grad-CAM", camMs));
        System.out.println(Machine.row("SHAP + Grad-CAM", both));
    }
}
