package org.eusedge.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.eusedge.imaging.GreyImage;
import org.junit.jupiter.api.Test;

class SharpnessTest {

    @Test
    void varianceOfLaplacianOfATinyImageWorkedByHand() {
        // 4x3, one bright pixel at (1,1):   0 0 0 0 / 0 8 0 0 / 0 0 0 0
        // interior pixels (1,1) and (2,1): L(1,1) = 0+0+0+0 - 4*8 = -32, L(2,1) = 8 (its left neighbour) - 0 = 8
        // mean -12; population variance ((-32+12)^2 + (8+12)^2) / 2 = 400
        byte[] px = new byte[12];
        px[1 * 4 + 1] = 8;
        assertEquals(400.0, Sharpness.varianceOfLaplacian(new GreyImage(4, 3, px)), 1e-12);
    }

    @Test
    void aFlatImageAndALinearRampHaveNoLaplacian() {
        byte[] flat = new byte[20 * 10];
        java.util.Arrays.fill(flat, (byte) 200);
        assertEquals(0.0, Sharpness.varianceOfLaplacian(new GreyImage(20, 10, flat)), 0);
        byte[] ramp = new byte[20 * 10];
        for (int y = 0; y < 10; y++) for (int x = 0; x < 20; x++) ramp[y * 20 + x] = (byte) (3 * x + 5 * y);
        assertEquals(0.0, Sharpness.varianceOfLaplacian(new GreyImage(20, 10, ramp)), 0);
    }

    @Test
    void agreesWithOpenCvsLaplacianAndMeanStdDevOverTheInterior() {
        int w = 97;
        int h = 61;
        byte[] px = new byte[w * h];
        new Random(3).nextBytes(px);
        GreyImage img = new GreyImage(w, h, px);
        try (Mat src = new Mat(h, w, opencv_core.CV_8UC1); Mat lap = new Mat(); Mat mean = new Mat();
             Mat std = new Mat()) {
            src.data().put(px, 0, px.length);
            opencv_imgproc.Laplacian(src, lap, opencv_core.CV_32F, 1, 1, 0, opencv_core.BORDER_DEFAULT);
            try (Mat interior = lap.apply(new Rect(1, 1, w - 2, h - 2))) {
                opencv_core.meanStdDev(interior, mean, std);
            }
            double sd = std.createIndexer() instanceof org.bytedeco.javacpp.indexer.DoubleIndexer d ? d.get(0) : -1;
            assertEquals(sd * sd, Sharpness.varianceOfLaplacian(img), 1e-6 * sd * sd);
        }
    }

    @Test
    void aSamplingStepEstimatesTheSameStatisticOnNoise() {
        int w = 400;
        int h = 300;
        byte[] px = new byte[w * h];
        new Random(5).nextBytes(px);
        GreyImage img = new GreyImage(w, h, px);
        double full = Sharpness.varianceOfLaplacian(img);
        // i.i.d. uniform bytes: Var(L) = 20 * Var(U[0,255]) = 20 * (256^2 - 1) / 12 = 109225
        assertEquals(109225, full, 0.02 * 109225);
        assertEquals(full, Sharpness.varianceOfLaplacian(img, 2), 0.03 * full);
        assertEquals(full, Sharpness.varianceOfLaplacian(img, 4), 0.05 * full);
    }

    @Test
    void refusesImagesWithNoInterior() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Sharpness.varianceOfLaplacian(new GreyImage(2, 5, new byte[10])));
        assertEquals("the Laplacian needs an image of at least 3x3, got 2x5", e.getMessage());
    }
}
