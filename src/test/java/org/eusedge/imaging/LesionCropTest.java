package org.eusedge.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.eusedge.testing.SharedData;
import org.junit.jupiter.api.Test;

class LesionCropTest {

    private static final RoiRules ANY_SIZE = new RoiRules(3, 1);

    /** 4 x 4 frame with p(x, y) = 10 x + 40 y: rows 0 10 20 30 / 40 50 60 70 / 80 .. 110 / 120 .. 150. */
    private static GreyImage ramp4() {
        byte[] px = new byte[16];
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) px[y * 4 + x] = (byte) (10 * x + 40 * y);
        return new GreyImage(4, 4, px);
    }

    /** The 2 x 2 square of pixels (1..2, 1..2): bounds (1, 1, 3, 3). */
    private static final PolygonRoi CENTRE = new PolygonRoi(new double[] {1, 3, 3, 1}, new double[] {1, 1, 3, 3});

    private static CropSpec spec(CropSpec.Mode mode, double margin, int size) {
        CropSpec d = CropSpec.defaults();
        return new CropSpec(mode, margin, size, d.mean(), d.std());
    }

    private static float at(float[] chw, int size, int c, int x, int y) {
        return chw[c * size * size + y * size + x];
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        CropSpec d = CropSpec.defaults();
        assertEquals(CropSpec.Mode.BOUNDING_BOX, d.mode());
        assertEquals(0.10, d.marginFraction());
        assertEquals(224, d.inputSize());
        assertArrayEquals(new float[] {0.485f, 0.456f, 0.406f}, d.mean());
        assertArrayEquals(new float[] {0.229f, 0.224f, 0.225f}, d.std());
    }

    @Test
    void halvingAveragesTwoByTwoBlocksThenNormalises() {
        // bounds (1,1,3,3): L = 2, margin round(0.5 * 2) = 1 -> square side 4 at (0, 0): the whole frame.
        // 4 -> 2: src = (d + 0.5) * 2 - 0.5 = 0.5 or 2.5, so each output is the mean of a 2 x 2 block:
        //   (0,0): (0 + 10 + 40 + 50) / 4 = 25    (1,0): (20 + 30 + 60 + 70) / 4 = 45
        //   (0,1): (80 + 90 + 120 + 130) / 4 = 105 (1,1): (100 + 110 + 140 + 150) / 4 = 125
        // normalised: R (25/255 - 0.485) / 0.229 = -1.689785, G (45/255 - 0.456) / 0.224 = -1.247899,
        //             B (125/255 - 0.406) / 0.225 = 0.374205, R of 105: -0.319805
        LesionCrop.Result r = LesionCrop.crop(ramp4(), CENTRE, spec(CropSpec.Mode.BOUNDING_BOX, 0.5, 2), ANY_SIZE);
        assertEquals(new Box(0, 0, 4, 4), r.box());
        assertEquals(12, r.chw().length);
        assertEquals(-1.689785, at(r.chw(), 2, 0, 0, 0), 1e-5);
        assertEquals(-1.247899, at(r.chw(), 2, 1, 1, 0), 1e-5);
        assertEquals(-0.319805, at(r.chw(), 2, 0, 0, 1), 1e-5);
        assertEquals(0.374205, at(r.chw(), 2, 2, 1, 1), 1e-5);
    }

    @Test
    void marginPastTheBorderIsZeroPadded() {
        // margin round(1.0 * 2) = 2 -> side 6 at (-1, -1): box (-1, -1, 5, 5); 6 -> 3 averages 2 x 2 blocks:
        //   (0,0): frame (-1..0, -1..0) = (0 + 0 + 0 + p(0,0) = 0) / 4 = 0 -> R = -0.485 / 0.229 = -2.117904
        //   (1,1): frame (1..2, 1..2) = (50 + 60 + 90 + 100) / 4 = 75 -> R = -0.833547
        //   (2,2): frame (3..4, 3..4) = (p(3,3) = 150 + 0 + 0 + 0) / 4 = 37.5 -> R = -1.475726
        LesionCrop.Result r = LesionCrop.crop(ramp4(), CENTRE, spec(CropSpec.Mode.BOUNDING_BOX, 1.0, 3), ANY_SIZE);
        assertEquals(new Box(-1, -1, 5, 5), r.box());
        assertEquals(-2.117904, at(r.chw(), 3, 0, 0, 0), 1e-5);
        assertEquals(-0.833547, at(r.chw(), 3, 0, 1, 1), 1e-5);
        assertEquals(-1.475726, at(r.chw(), 3, 0, 2, 2), 1e-5);
    }

    @Test
    void enlargingInterpolatesTheRampAndClampsAtTheBorder() {
        // side 4 -> 3: src = (d + 0.5) * 4/3 - 0.5 = 1/6, 3/2, 17/6. A linear ramp is reproduced exactly:
        //   (0,0) = 10/6 + 40/6 = 8.3333 -> R = -1.975198 ; (2,1) = 10 * 17/6 + 40 * 1.5 = 88.3333
        // side 4 -> 8: src(0) = 0.5 * 0.5 - 0.5 = -0.25, clamped to 0 -> p(0,0) = 0;
        //   src(7) = 7.5 * 0.5 - 0.5 = 3.25, clamped to 3 -> p(3,3) = 150 -> B = (150/255 - 0.406) / 0.225 = 0.809935
        LesionCrop.Result three = LesionCrop.crop(ramp4(), CENTRE, spec(CropSpec.Mode.BOUNDING_BOX, 0.5, 3), ANY_SIZE);
        assertEquals(-1.975198, at(three.chw(), 3, 0, 0, 0), 1e-5);
        assertEquals((88.33333 / 255 - 0.485f) / 0.229f, at(three.chw(), 3, 0, 2, 1), 1e-5);
        LesionCrop.Result eight = LesionCrop.crop(ramp4(), CENTRE, spec(CropSpec.Mode.BOUNDING_BOX, 0.5, 8), ANY_SIZE);
        assertEquals(-2.117904, at(eight.chw(), 8, 0, 0, 0), 1e-5);
        assertEquals(0.809935, at(eight.chw(), 8, 2, 7, 7), 1e-5);
    }

    @Test
    void maskedModeZeroesPixelsOutsideTheRoi() {
        // side 4 -> 4 is the identity (src = d); only pixels (1..2, 1..2) survive.
        LesionCrop.Result r = LesionCrop.crop(ramp4(), CENTRE, spec(CropSpec.Mode.MASKED, 0.5, 4), ANY_SIZE);
        assertEquals(-2.117904, at(r.chw(), 4, 0, 0, 0), 1e-5); // p(0,0) = 0 anyway
        assertEquals(-2.117904, at(r.chw(), 4, 0, 3, 3), 1e-5); // p(3,3) = 150 masked to 0
        assertEquals(-1.261666, at(r.chw(), 4, 0, 1, 1), 1e-5); // p(1,1) = 50 kept
        assertEquals(-0.405429, at(r.chw(), 4, 0, 2, 2), 1e-5); // p(2,2) = 100 kept: (100/255 - 0.485) / 0.229
    }

    @Test
    void longBoxBecomesASquareAroundItsCentre() {
        // bounds 10 wide, 4 tall at (20, 30): L = 10, margin 1, side 12; y0 = 30 - 1 - floor(6 / 2) = 26
        Box b = LesionCrop.squareBox(new Box(20, 30, 30, 34), 0.10);
        assertEquals(new Box(19, 26, 31, 38), b);
        // odd leftover: 5 wide, 2 tall -> floor(3 / 2) = 1 row above, 2 below, plus margin round(0.5) = 1
        // (Math.round): side 7, y0 = 0 - 1 - 1 = -2, y1 = -2 + 7 = 5
        assertEquals(new Box(-1, -2, 6, 5), LesionCrop.squareBox(new Box(0, 0, 5, 2), 0.10));
    }

    @Test
    void invalidRoiIsRejectedBeforeCropping() {
        PolygonRoi outside = new PolygonRoi(new double[] {1, 30, 3}, new double[] {1, 1, 3});
        InvalidRoiException e = assertThrows(InvalidRoiException.class,
                () -> LesionCrop.crop(ramp4(), outside, CropSpec.defaults(), ANY_SIZE));
        assertEquals(InvalidRoiException.Rule.OUTSIDE_FRAME, e.rule());
        // the default rules want 64 px^2: the 2 x 2 ROI is too small
        e = assertThrows(InvalidRoiException.class, () -> LesionCrop.crop(ramp4(), CENTRE, CropSpec.defaults()));
        assertEquals(InvalidRoiException.Rule.TOO_SMALL, e.rule());
    }

    private static Mat floatMat(float[] data, int w, int h) {
        return new Mat(h, w, opencv_core.CV_32FC1, new FloatPointer(data));
    }

    private static float[] toArray(Mat m) {
        float[] out = new float[m.rows() * m.cols()];
        try (FloatIndexer idx = m.createIndexer()) {
            for (int y = 0; y < m.rows(); y++) for (int x = 0; x < m.cols(); x++) out[y * m.cols() + x] = idx.get(y, x);
        }
        return out;
    }

    @Test
    void bilinearResizeMatchesOpenCvInterLinearOnFloats() {
        Random rnd = new Random(7);
        int[][] sizes = {{37, 23, 224, 224}, {300, 211, 224, 224}, {448, 448, 224, 224}, {5, 9, 13, 4}};
        for (int[] s : sizes) {
            float[] src = new float[s[0] * s[1]];
            for (int i = 0; i < src.length; i++) src[i] = rnd.nextInt(256);
            float[] ours = BilinearResize.resize(src, s[0], s[1], s[2], s[3]);
            Mat dst = new Mat();
            opencv_imgproc.resize(floatMat(src, s[0], s[1]), dst, new Size(s[2], s[3]), 0, 0,
                    opencv_imgproc.INTER_LINEAR);
            float[] cv = toArray(dst);
            for (int i = 0; i < cv.length; i++) {
                // OpenCV computes the sample position in float: ~1e-5 relative error on values 0..255
                assertEquals(cv[i], ours[i], 1e-2, "size " + java.util.Arrays.toString(s) + " index " + i);
            }
        }
    }

    @Test
    void realBreastMasksLoadValidateAndCropLikeOpenCv() {
        String[] cases = {"case001", "case002", "case003", "case004", "case006"};
        for (String c : cases) {
            GreyImage frame = GreyImage.read(SharedData.path("data/breast-lesions-usg/images/" + c + ".png"));
            MaskRoi mask = MaskRoi.read(SharedData.path("data/breast-lesions-usg/masks/" + c + "_tumor.png"));
            RoiValidator.validate(mask, frame.width(), frame.height());
            LesionCrop.Result r = LesionCrop.crop(frame, mask, CropSpec.defaults());

            Box b = mask.bounds();
            Box sq = r.box();
            int longer = Math.max(b.width(), b.height());
            assertEquals(sq.width(), sq.height(), c);
            assertEquals(longer + 2 * Math.round(0.1 * longer), sq.width(), c);
            assertTrue(sq.x0() <= b.x0() && sq.y0() <= b.y0() && sq.x1() >= b.x1() && sq.y1() >= b.y1(), c);

            // the same crop with OpenCV: zero border, cut the square, INTER_LINEAR on floats, normalise
            float[] f = new float[frame.width() * frame.height()];
            for (int i = 0; i < f.length; i++) f[i] = frame.pixels()[i] & 0xff;
            int pad = sq.width();
            Mat padded = new Mat();
            opencv_core.copyMakeBorder(floatMat(f, frame.width(), frame.height()), padded, pad, pad, pad, pad,
                    opencv_core.BORDER_CONSTANT, new Scalar(0.0));
            Mat cut = new Mat(padded, new Rect(sq.x0() + pad, sq.y0() + pad, sq.width(), sq.height())).clone();
            Mat resized = new Mat();
            opencv_imgproc.resize(cut, resized, new Size(224, 224), 0, 0, opencv_imgproc.INTER_LINEAR);
            float[] ref = toArray(resized);
            float[] mean = CropSpec.defaults().mean();
            float[] std = CropSpec.defaults().std();
            for (int ch = 0; ch < 3; ch++) {
                for (int i = 0; i < ref.length; i += 97) {
                    double expected = (ref[i] / 255.0 - mean[ch]) / std[ch];
                    assertEquals(expected, r.chw()[ch * 224 * 224 + i], 3e-4, c + " channel " + ch + " index " + i);
                }
            }
        }
    }

    @Test
    void realBreastOtherAreaMasksLoadAndValidateOnTheirFrame() {
        // manifest: case036 has masks/case036_other1.png and _other2.png besides its tumour mask
        GreyImage frame = GreyImage.read(SharedData.path("data/breast-lesions-usg/images/case036.png"));
        MaskRoi tumour = MaskRoi.read(SharedData.path("data/breast-lesions-usg/masks/case036_tumor.png"));
        for (String other : new String[] {"case036_other1.png", "case036_other2.png"}) {
            MaskRoi m = MaskRoi.read(SharedData.path("data/breast-lesions-usg/masks/" + other));
            assertEquals(frame.width(), m.width());
            assertEquals(frame.height(), m.height());
            assertTrue(m.count() > 0, other);
            assertTrue(!m.equals(tumour), other + " is a different area than the tumour");
            LesionCrop.Result r = LesionCrop.crop(frame, m, CropSpec.defaults(), ANY_SIZE);
            assertEquals(3 * 224 * 224, r.chw().length);
        }
    }

    @Test
    void realMaskDiameterMatchesTheManifest() {
        // manifest: case001 derived_max_diameter_mm 25.41 at 7.8125E-3 cm/px; case002 9.27 at 6.462036E-3
        MaskRoi m1 = MaskRoi.read(SharedData.path("data/breast-lesions-usg/masks/case001_tumor.png"));
        assertEquals(19512, m1.count());
        assertEquals(25.41, m1.feretDiameterPx() * 0.078125, 25.41 * 0.03);
        MaskRoi m2 = MaskRoi.read(SharedData.path("data/breast-lesions-usg/masks/case002_tumor.png"));
        assertEquals(10789, m2.count());
        assertEquals(9.27, m2.feretDiameterPx() * 0.06462036, 9.27 * 0.03);
    }

    @Test
    void cropIsDeterministic() {
        GreyImage frame = GreyImage.read(SharedData.path("data/breast-lesions-usg/images/case003.png"));
        MaskRoi mask = MaskRoi.read(SharedData.path("data/breast-lesions-usg/masks/case003_tumor.png"));
        CropSpec masked = new CropSpec(CropSpec.Mode.MASKED, 0.1, 224, CropSpec.defaults().mean(),
                CropSpec.defaults().std());
        assertArrayEquals(LesionCrop.crop(frame, mask, masked).chw(), LesionCrop.crop(frame, mask, masked).chw());
    }
}
