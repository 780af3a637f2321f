package org.eusedge.inference;

import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackboneTest {
    @TempDir
    static Path dir;
    static Path onnx;
    static Backbone backbone;
    static float[][] crops;

    @BeforeAll
    static void openSeededResNet18() throws Exception {
        onnx = dir.resolve("resnet18-seed5.onnx");
        ResNet18Graph.write(onnx, 5);
        // the default preference: TensorRT and CUDA must refuse on this CPU-only ONNX Runtime, CPU must take over
        backbone = Backbone.open(onnx, BackboneOptions.defaults().withIntraOpThreads(2));
        crops = new float[][]{
                TestInputs.imagenetCrop(SharedData.path("data/ddti-thyroid/images/100_1.jpg"), 224),
                TestInputs.imagenetCrop(SharedData.path("data/breast-lesions-usg/images/case001.png"), 224),
                TestInputs.sinProbe()};
    }

    @AfterAll
    static void close() {
        backbone.close();
    }

    @Test
    void preferenceTensorRtCudaCpuFallsBackToCpuAndRecordsBothRefusals() {
        assertEquals("cpu", backbone.provider());
        List<String> refusals = backbone.refusals();
        assertEquals(2, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).startsWith("tensorrt: ") && refusals.get(0).length() > "tensorrt: ".length(), refusals.get(0));
        assertTrue(refusals.get(1).startsWith("cuda: ") && refusals.get(1).length() > "cuda: ".length(), refusals.get(1));
    }

    @Test
    void describesItsShapes() {
        assertEquals(224, backbone.inputSize());
        assertEquals(512, backbone.featureDim());
        assertArrayEquals(new int[]{512, 7, 7}, backbone.mapShape());
    }

    @Test
    void outputShapesForBatchOneAndThree() {
        BackboneOutput one = backbone.run(new float[][]{crops[0]});
        assertEquals(1, one.features().length);
        assertEquals(512, one.features()[0].length);
        assertEquals(512 * 7 * 7, one.maps()[0].length);
        assertEquals(List.of(512, 7, 7), List.of(one.channels(), one.height(), one.width()));
        assertEquals("cpu", one.provider());

        BackboneOutput three = backbone.run(crops);
        assertEquals(3, three.batchSize());
        assertEquals(3, three.maps().length);
        for (int n = 0; n < 3; n++) {
            assertEquals(512, three.features()[n].length);
            assertEquals(512 * 49, three.maps()[n].length);
        }
        // a batch is the same function applied per crop
        assertArrayEquals(one.features()[0], three.features()[0], 1e-5f);
        assertArrayEquals(one.maps()[0], three.maps()[0], 1e-5f);
    }

    @Test
    void featuresAreTheSpatialMeanOfTheLayer4Map() {
        BackboneOutput out = backbone.run(crops);
        for (int n = 0; n < crops.length; n++) {
            double[] mean = TestInputs.spatialMean(out.maps()[n], 512, 7, 7);
            for (int c = 0; c < 512; c++) assertEquals(mean[c], out.features()[n][c], 1e-5, "crop " + n + " channel " + c);
        }
        // map(n, c, y, x) addresses the row-major layout
        assertEquals(out.maps()[2][(3 * 7 + 4) * 7 + 5], out.map(2, 3, 4, 5));
    }

    @Test
    void wrongCropLengthSaysWhatTheBackboneTakes() {
        var e = assertThrows(IllegalArgumentException.class, () -> backbone.run(new float[][]{crops[0], new float[3 * 112 * 112]}));
        assertTrue(e.getMessage().contains("crop 1 has 37632 floats") && e.getMessage().contains("3x224x224 = 150528"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backbone.run(new float[0][]));
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nowhere.onnx");
        var e = assertThrows(IllegalArgumentException.class, () -> Backbone.open(missing, BackboneOptions.defaults()));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("nowhere.onnx"), e.getMessage());
    }

    @Test
    void aFileThatIsNotOnnxIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "these are notes, not a network\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Backbone.open(text, BackboneOptions.defaults()));
        assertTrue(e.getMessage().contains("is not an ONNX model"), e.getMessage());
    }

    @Test
    void aGraphWithoutFeaturesAndLayer4OutputsPointsToTheImporter() {
        Path classifier = SharedData.path("models/mobilenetv2-12-int8.onnx");
        var e = assertThrows(IllegalArgumentException.class, () -> Backbone.open(classifier, BackboneOptions.defaults()));
        assertTrue(e.getMessage().contains("eus-edge model import") && e.getMessage().contains("[output]"), e.getMessage());
    }

    @Test
    void optionsRejectUnknownProvidersAndAnEmptyPreference() {
        var e = assertThrows(IllegalArgumentException.class, () -> BackboneOptions.defaults().withProviders(List.of("rocm")));
        assertTrue(e.getMessage().contains("rocm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackboneOptions.defaults().withProviders(List.of()));
    }

    @Test
    void onlyGpuProvidersOnACpuMachineFailWithEachReason() {
        var e = assertThrows(IllegalStateException.class,
                () -> Backbone.open(onnx, BackboneOptions.defaults().withProviders(List.of("cuda"))));
        assertTrue(e.getMessage().contains("cuda: ") && e.getMessage().contains("add cpu"), e.getMessage());
    }
}
