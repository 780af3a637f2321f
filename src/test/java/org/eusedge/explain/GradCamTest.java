package org.eusedge.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.eusedge.model.SvmModel;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Grad-CAM on real ResNet18 layer4 maps of real ultrasound lesion crops (BrEaST-Lesions-USG), with an RBF SVM trained
 * by libsvm on their pooled features. The backbone runs through ONNX Runtime directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradCamTest {

    private static final int SIZE = 224, C = 512, H = 7, W = 7, SELECTED = 12;
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private OrtEnvironment env;
    private OrtSession session;
    private Lesion case001;
    private float[] case001Map;
    private double[][] pooledTraining;
    private svm_model libsvmModel;
    private SvmModel model;
    private double[] mean;
    private double[] sd;
    private int[] selected;

    /** A lesion crop: the mask's bounding box in frame pixels and the network input made from it. */
    record Lesion(byte[] grey, int frameW, int frameH, int x0, int y0, int x1, int y1, float[] input, int label) {}

    @BeforeAll
    void runBackboneAndTrainSvm() throws Exception {
        env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(2);
        session = env.createSession(SharedData.path("models/resnet18-torchvision-seed0.onnx").toString(), options);

        List<Lesion> lesions = new ArrayList<>();
        int benign = 0, malignant = 0;
        List<String> lines = Files.readAllLines(SharedData.path("data/breast-lesions-usg/manifest.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            int label = Integer.parseInt(f[3]);
            if (label == 1 ? malignant >= 20 : benign >= 20) continue;
            Lesion lesion = lesion(f[1], f[2], label);
            // libsvm orders labels by first appearance: a malignant case first makes "positive" = label 1
            if (label == 1 && malignant == 0) lesions.add(0, lesion); else lesions.add(lesion);
            if (label == 1) malignant++; else benign++;
            if (f[0].equals("case001")) case001 = lesion;
        }
        Map<String, float[]> out = backbone(lesions.stream().map(Lesion::input).toList());
        float[] features = out.get("features");
        float[] maps = out.get("layer4");
        int n = lesions.size();
        pooledTraining = new double[n][C];
        for (int i = 0; i < n; i++) for (int k = 0; k < C; k++) pooledTraining[i][k] = features[i * C + k];
        int index001 = lesions.indexOf(case001);
        case001Map = Arrays.copyOfRange(maps, index001 * C * H * W, (index001 + 1) * C * H * W);

        int[] labels = lesions.stream().mapToInt(Lesion::label).toArray();
        selectChannels(labels);
        trainSvm(labels);
    }

    @AfterAll
    void close() throws OrtException {
        if (session != null) session.close();
    }

    @Test
    void backbonePooledFeaturesAreTheSpatialMeanOfLayer4() throws OrtException {
        double[] pooled = GradCam.pool(case001Map, C, H, W);
        float[] features = backbone(List.of(case001.input())).get("features");
        for (int k = 0; k < C; k++) assertEquals(features[k], pooled[k], 1e-5 + 1e-5 * Math.abs(features[k]), "channel " + k);
    }

    @Test
    void svmModelReproducesLibsvmDecisionValues() {
        double[] libsvmValue = new double[1];
        for (double[] z : pooledTraining) {
            double[] x = GradCam.standardise(model, mean, sd, selected, z);
            svm.svm_predict_values(libsvmModel, nodes(x), libsvmValue);
            assertEquals(libsvmValue[0], model.decision(x), 1e-9);
        }
    }

    @Test
    void decisionGradientMatchesCentralDifferencesOnARealLayer4Map() {
        CamResult cam = GradCam.compute(model, mean, sd, selected, case001Map, C, H, W, true);
        assertGradientMatchesFiniteDifferences(cam.gradientAlpha(), false);
        assertEquals(model.decision(GradCam.standardise(model, mean, sd, selected, GradCam.pool(case001Map, C, H, W))),
                cam.decision(), 1e-12);
    }

    @Test
    void probabilityGradientMatchesCentralDifferencesOnARealLayer4Map() {
        CamResult cam = GradCam.compute(model, mean, sd, selected, case001Map, C, H, W, true, SvmOutput.PROBABILITY);
        assertGradientMatchesFiniteDifferences(cam.gradientAlpha(), true);
        assertEquals(model.plattProbability(cam.decision()), cam.probability(), 1e-15);
    }

    @Test
    void camIsTheReluOfTheAlphaWeightedMapAndTheOtherClassNegatesAlpha() {
        CamResult positive = GradCam.compute(model, mean, sd, selected, case001Map, C, H, W, true);
        CamResult negative = GradCam.compute(model, mean, sd, selected, case001Map, C, H, W, false);
        for (int k = 0; k < C; k++) assertEquals(-positive.gradientAlpha()[k], negative.gradientAlpha()[k], 0.0);
        double[] weighted = new double[H * W];
        for (int k = 0; k < C; k++) {
            for (int p = 0; p < H * W; p++) weighted[p] += positive.gradientAlpha()[k] * case001Map[k * H * W + p];
        }
        double scale = Arrays.stream(weighted).map(Math::abs).max().orElseThrow();
        for (int p = 0; p < H * W; p++) {
            assertEquals(Math.max(0, weighted[p]), positive.cam()[p], 1e-5 * scale, "positive class, cell " + p);
            assertEquals(Math.max(0, -weighted[p]), negative.cam()[p], 1e-5 * scale, "negative class, cell " + p);
        }
        assertTrue(Arrays.stream(weighted).anyMatch(v -> v != 0), "a trained SVM gives a non-trivial map");
    }

    @Test
    void heatMapLandsInsideTheLesionBoxOfTheFrameAndOverlaysIt() {
        CamResult cam = GradCam.compute(model, mean, sd, selected, case001Map, C, H, W, true);
        Lesion l = case001;
        float[] heat = GradCam.toFrame(cam, l.x0(), l.y0(), l.x1(), l.y1(), l.frameW(), l.frameH());
        assertEquals(l.frameW() * l.frameH(), heat.length);
        float max = -1;
        int hotX = -1, hotY = -1;
        for (int y = 0; y < l.frameH(); y++) {
            for (int x = 0; x < l.frameW(); x++) {
                float v = heat[y * l.frameW() + x];
                boolean inside = x >= l.x0() && x < l.x1() && y >= l.y0() && y < l.y1();
                if (!inside) assertEquals(0f, v, "outside the box at " + x + "," + y);
                assertTrue(v >= 0 && v <= 1, "normalised");
                if (v > max) {
                    max = v;
                    hotX = x;
                    hotY = y;
                }
            }
        }
        // the hottest frame pixel lies in the part of the box that the CAM's hottest cell covers
        int hotCell = 0;
        for (int p = 1; p < H * W; p++) if (cam.cam()[p] > cam.cam()[hotCell]) hotCell = p;
        double cellW = (l.x1() - l.x0()) / (double) W, cellH = (l.y1() - l.y0()) / (double) H;
        assertEquals(hotCell % W, (int) ((hotX - l.x0()) / cellW), "column of the hottest cell");
        assertEquals(hotCell / W, (int) ((hotY - l.y0()) / cellH), "row of the hottest cell");
        assertTrue(max > 0.9, "bilinear upsampling keeps the peak near 1, got " + max);
        BufferedImage image = GradCam.overlay(l.grey(), l.frameW(), l.frameH(), heat, 0.5);
        int g = l.grey()[0] & 0xFF;
        assertEquals((g << 16) | (g << 8) | g, image.getRGB(0, 0) & 0xFFFFFF, "no heat keeps the grey pixel");
    }

    @Test
    void toFrameNormalisesThenResizesLikeCv2AndPlacesTheBox() {
        CamResult cam = new CamResult(new float[] {0, 1, 2, 3}, 2, 2, new float[0], 0, 0.5);
        float[] heat = GradCam.toFrame(cam, 3, 2, 7, 6, 10, 8);
        // normalised [0, 1/3; 2/3, 1]; cv2.resize 2->4 samples source x at -0.25(clamped 0), 0.25, 0.75, 1.25(clamped 1)
        double[] u = {0, 0.25, 0.75, 1};
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                double expected = 0;
                if (x >= 3 && x < 7 && y >= 2 && y < 6) {
                    double fx = u[x - 3], fy = u[y - 2];
                    expected = (fx / 3 + 2 * fy / 3) / (1 + 1e-7);
                }
                assertEquals(expected, heat[y * 10 + x], 1e-6, "pixel " + x + "," + y);
            }
        }
        // a box reaching past the left edge: its visible columns carry the same values, shifted
        float[] clipped = GradCam.toFrame(cam, -1, 2, 3, 6, 10, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                double expected = x < 3 && y >= 2 && y < 6 ? heat[y * 10 + x + 4] : 0;
                assertEquals(expected, clipped[y * 10 + x], 1e-6, "clipped pixel " + x + "," + y);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradCam.toFrame(cam, 11, 2, 15, 6, 10, 8));
        assertTrue(e.getMessage().contains("overlap the 10x8 frame"), e.getMessage());
    }

    @Test
    void overlayBlendsTheJetColourMap() {
        byte[] grey = {(byte) 200, (byte) 200, (byte) 200};
        float[] heat = {0f, 0.5f, 1f};
        BufferedImage image = GradCam.overlay(grey, 3, 1, heat, 1.0);
        assertEquals(0xC8C8C8, image.getRGB(0, 0) & 0xFFFFFF);
        // heat 0.5, opacity 0.5: half grey 200, half jet(0.5) = (128, 255, 128)
        assertEquals((164 << 16) | (228 << 8) | 164, image.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x800000, image.getRGB(2, 0) & 0xFFFFFF, "jet(1) is dark red");
        assertEquals(0x000080, GradCam.jet(0.0), "jet(0) is dark blue");
    }

    @Test
    void occlusionOnTheRealBackboneAndSvmGivesEachBlockItsProbabilityDrop() {
        AtomicInteger calls = new AtomicInteger();
        CropScorer scorer = crop -> {
            calls.incrementAndGet();
            try {
                double[] z = toDouble(backbone(List.of(crop)).get("features"));
                return model.probability(GradCam.standardise(model, mean, sd, selected, z));
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        };
        float[] crop = case001.input();
        float[] map = new OcclusionMap(112, 112, 0f).compute(scorer, crop, 3, SIZE, SIZE);
        assertEquals(1 + 4, calls.get(), "one baseline and one call per patch position");
        float[] occluded = crop.clone();
        for (int k = 0; k < 3; k++) {
            for (int y = 112; y < 224; y++) Arrays.fill(occluded, (k * SIZE + y) * SIZE, (k * SIZE + y) * SIZE + 112, 0f);
        }
        double expected = scorer.probability(crop) - scorer.probability(occluded);
        for (int y = 112; y < 224; y += 37) assertEquals(expected, map[y * SIZE + 5], 1e-6);
        assertArrayEquals(crop, case001.input(), "the caller's crop is left unchanged");
    }

    @Test
    void shapOfTheTrainedSvmOnRealFeaturesEqualsBruteForceShapleyValues() {
        // all 2^12 - 2 coalitions of the 12 selected features are enumerated, so KernelSHAP must be exact
        double[][] x = new double[pooledTraining.length][];
        for (int i = 0; i < x.length; i++) x[i] = GradCam.standardise(model, mean, sd, selected, pooledTraining[i]);
        double[][] background = Arrays.copyOfRange(x, 1, x.length);
        double[] instance = x[0];
        ShapResult shap = KernelShap.forSvm(model, SvmOutput.PROBABILITY, background, null, Link.LOGIT,
                (1 << SELECTED) - 2, 1).explain(instance);
        double[] exact = KernelShapTest.bruteForceShapley(model::probability, background, null, instance, Link.LOGIT);
        assertArrayEquals(exact, shap.values(), 1e-6);
        double p = model.probability(instance);
        assertEquals(Math.log(p / (1 - p)), shap.baseValue() + Arrays.stream(shap.values()).sum(), 1e-9);
    }

    @Test
    void rejectsInputsThatDoNotFitThePipeline() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCam.compute(model, mean, sd, selected, new float[C * H * W - 1], C, H, W, true));
        assertTrue(e.getMessage().contains("needs " + C * H * W), e.getMessage());
        int[] outOfRange = selected.clone();
        outOfRange[0] = C;
        e = assertThrows(IllegalArgumentException.class,
                () -> GradCam.compute(model, mean, sd, outOfRange, case001Map, C, H, W, true));
        assertTrue(e.getMessage().contains("outside the map's 512 channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GradCam.compute(model, mean, Arrays.copyOf(sd, 3), selected, case001Map, C, H, W, true));
        assertTrue(e.getMessage().contains("must match one to one"), e.getMessage());
    }

    /** Central differences of the target w.r.t. single map elements, against alpha_k (= dTarget/dA_k(i,j)). */
    private void assertGradientMatchesFiniteDifferences(float[] alpha, boolean probability) {
        double[] map = toDouble(case001Map);
        SplittableRandom random = new SplittableRandom(4);
        double maxAlpha = 0;
        for (float a : alpha) maxAlpha = Math.max(maxAlpha, Math.abs(a));
        assertTrue(maxAlpha > 0, "the gradient is not zero");
        boolean[] isSelected = new boolean[C];
        for (int j = 0; j < selected.length; j++) {
            isSelected[selected[j]] = true;
            int k = selected[j];
            for (int trial = 0; trial < 3; trial++) {
                int element = k * H * W + random.nextInt(H * W);
                double step = 1e-4 * sd[j] * H * W;   // moves the SVM input by 1e-4
                double fd = (target(map, element, step, probability) - target(map, element, -step, probability)) / (2 * step);
                double relative = Math.abs(fd - alpha[k]) / Math.max(Math.abs(fd), 1e-3 * maxAlpha);
                assertTrue(relative < 1e-4, "channel " + k + ": analytic " + alpha[k] + ", finite difference " + fd);
            }
        }
        for (int k = 0; k < C; k += 37) {
            if (isSelected[k]) continue;
            assertEquals(0f, alpha[k], "unselected channel " + k);
            assertEquals(0.0, target(map, k * H * W, 1.0, probability) - target(map, k * H * W, -1.0, probability));
        }
    }

    /** The SVM target of the map with one element moved by delta, computed from scratch in double. */
    private double target(double[] map, int element, double delta, boolean probability) {
        double[] m = map.clone();
        m[element] += delta;
        double[] x = new double[selected.length];
        for (int j = 0; j < selected.length; j++) {
            double s = 0;
            for (int p = 0; p < H * W; p++) s += m[selected[j] * H * W + p];
            x[j] = (s / (H * W) - mean[j]) / sd[j];
        }
        double decision = model.decision(x);
        return probability ? 1 / (1 + Math.exp(model.plattA() * decision + model.plattB())) : decision;
    }

    /** Standardiser over the training crops, and the channels with the largest standardised class difference. */
    private void selectChannels(int[] labels) {
        int n = pooledTraining.length;
        double[] mu = new double[C], sigma = new double[C], score = new double[C];
        for (int k = 0; k < C; k++) {
            double s = 0, s1 = 0, s0 = 0;
            int n1 = 0;
            for (int i = 0; i < n; i++) {
                s += pooledTraining[i][k];
                if (labels[i] == 1) { s1 += pooledTraining[i][k]; n1++; } else s0 += pooledTraining[i][k];
            }
            mu[k] = s / n;
            double v = 0;
            for (int i = 0; i < n; i++) v += Math.pow(pooledTraining[i][k] - mu[k], 2);
            sigma[k] = Math.sqrt(v / (n - 1));
            score[k] = sigma[k] > 1e-6 ? Math.abs(s1 / n1 - s0 / (n - n1)) / sigma[k] : -1;
        }
        Integer[] order = new Integer[C];
        for (int k = 0; k < C; k++) order[k] = k;
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        selected = new int[SELECTED];
        mean = new double[SELECTED];
        sd = new double[SELECTED];
        for (int j = 0; j < SELECTED; j++) {
            selected[j] = order[j];
            mean[j] = mu[order[j]];
            sd[j] = sigma[order[j]];
        }
    }

    private void trainSvm(int[] labels) {
        svm.svm_set_print_string_function(s -> { });
        svm_problem problem = new svm_problem();
        problem.l = labels.length;
        problem.y = new double[problem.l];
        problem.x = new svm_node[problem.l][];
        for (int i = 0; i < problem.l; i++) {
            problem.y[i] = labels[i];
            problem.x[i] = nodes(GradCam.standardise(new SvmModel(1, new double[][] {new double[SELECTED]},
                    new double[1], 0, 0, 0), mean, sd, selected, pooledTraining[i]));
        }
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.C_SVC;
        p.kernel_type = svm_parameter.RBF;
        p.gamma = 1.0 / SELECTED;
        p.C = 1;
        p.cache_size = 20;
        p.eps = 1e-3;
        p.shrinking = 1;
        p.probability = 1;
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        libsvmModel = svm.svm_train(problem, p);
        assertEquals(1, libsvmModel.label[0], "label 1 came first, so libsvm's decision favours it");
        double[][] sv = new double[libsvmModel.l][SELECTED];
        for (int i = 0; i < libsvmModel.l; i++) for (svm_node node : libsvmModel.SV[i]) sv[i][node.index - 1] = node.value;
        model = new SvmModel(p.gamma, sv, libsvmModel.sv_coef[0].clone(), libsvmModel.rho[0], libsvmModel.probA[0],
                libsvmModel.probB[0]);
    }

    private Lesion lesion(String imagePath, String maskPath, int label) throws IOException {
        Path root = SharedData.path("data/breast-lesions-usg");
        BufferedImage image = ImageIO.read(root.resolve(imagePath).toFile());
        BufferedImage mask = ImageIO.read(root.resolve(maskPath).toFile());
        int w = image.getWidth(), h = image.getHeight();
        byte[] grey = new byte[w * h];
        int x0 = w, y0 = h, x1 = 0, y1 = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                grey[y * w + x] = (byte) ((image.getRGB(x, y) >> 16) & 0xFF);
                if ((mask.getRGB(x, y) >>> 24) > 127) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        int bw = x1 - x0, bh = y1 - y0;
        float[] crop = new float[bw * bh];
        for (int y = 0; y < bh; y++) for (int x = 0; x < bw; x++) crop[y * bw + x] = (grey[(y0 + y) * w + x0 + x] & 0xFF) / 255f;
        float[] resized = GradCam.resizeBilinear(crop, bw, bh, SIZE, SIZE);
        float[] input = new float[3 * SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < SIZE * SIZE; p++) input[c * SIZE * SIZE + p] = (resized[p] - IMAGENET_MEAN[c]) / IMAGENET_STD[c];
        }
        return new Lesion(grey, w, h, x0, y0, x1, y1, input, label);
    }

    private Map<String, float[]> backbone(List<float[]> inputs) throws OrtException {
        FloatBuffer buffer = FloatBuffer.allocate(inputs.size() * 3 * SIZE * SIZE);
        for (float[] in : inputs) buffer.put(in);
        buffer.rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, new long[] {inputs.size(), 3, SIZE, SIZE});
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            return Map.of("features", floats(result, "features"), "layer4", floats(result, "layer4"));
        }
    }

    private static float[] floats(OrtSession.Result result, String name) {
        FloatBuffer fb = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    private static svm_node[] nodes(double[] x) {
        svm_node[] nodes = new svm_node[x.length];
        for (int j = 0; j < x.length; j++) {
            nodes[j] = new svm_node();
            nodes[j].index = j + 1;
            nodes[j].value = x[j];
        }
        return nodes;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
