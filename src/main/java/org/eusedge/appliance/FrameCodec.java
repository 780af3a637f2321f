package org.eusedge.appliance;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.eusedge.imaging.GreyImage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Grey frames to JPEG (live view, frame fetch) and PNG (audit), and their sharpness, with OpenCV through JavaCV:
 * imencode is ~4x faster than ImageIO's JPEG writer (see STACK.md), which matters at 30 frames a second.
 */
public final class FrameCodec {
    private FrameCodec() {}

    public static byte[] jpeg(GreyImage image, int quality) {
        if (quality < 1 || quality > 100) throw new IllegalArgumentException("JPEG quality " + quality + " is not in 1..100");
        return encode(image, ".jpg", new int[] {opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality});
    }

    /** Lossless; the audit's frame evidence. Compression level 1: fast, the frame is still small for a grey B-mode image. */
    public static byte[] png(GreyImage image) {
        return encode(image, ".png", new int[] {opencv_imgcodecs.IMWRITE_PNG_COMPRESSION, 1});
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Variance of the Laplacian (3x3 aperture) over the whole frame: the usual focus measure, larger for a sharper
     * frame (less motion blur); how FREEZE picks the best of the last half second.
     */
    public static double varianceOfLaplacian(GreyImage image) {
        try (Mat src = toMat(image); Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
            opencv_imgproc.Laplacian(src, lap, opencv_core.CV_64F);
            opencv_core.meanStdDev(lap, mean, std);
            double sd = std.createIndexer() instanceof org.bytedeco.javacpp.indexer.DoubleIndexer ix ? ix.get(0) : Double.NaN;
            return sd * sd;
        }
    }

    private static byte[] encode(GreyImage image, String ext, int[] params) {
        try (Mat mat = toMat(image); BytePointer out = new BytePointer(); IntPointer p = new IntPointer(params)) {
            if (!opencv_imgcodecs.imencode(ext, mat, out, p)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.width() + "x" + image.height() + " frame as " + ext);
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    private static Mat toMat(GreyImage image) {
        Mat mat = new Mat(image.height(), image.width(), opencv_core.CV_8UC1);
        mat.data().put(image.pixels());
        return mat;
    }
}
