package org.eusedge.capture;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.eusedge.imaging.GreyImage;

/**
 * Grey pictures to baseline JPEG through OpenCV's imencode (libjpeg-turbo; ImageIO's encoder is ~4x slower, see
 * STACK.md). One instance keeps its native buffers between calls: use one per thread, and close it.
 */
public final class JpegEncoder implements AutoCloseable {
    private final IntPointer params;
    private Mat mat;
    private final BytePointer out = new BytePointer();
    private boolean closed;

    /** quality 1..100 (libjpeg's scale; 80 is a good default for a live view). */
    public JpegEncoder(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + quality);
        }
        this.params = new IntPointer(IMWRITE_JPEG_QUALITY, quality);
    }

    /** One-off encoding of a picture (e.g. the frozen frame) at this quality. */
    public static byte[] encodeOnce(GreyImage image, int quality) {
        try (JpegEncoder e = new JpegEncoder(quality)) {
            return e.encode(image);
        }
    }

    public synchronized byte[] encode(GreyImage image) {
        if (closed) throw new IllegalStateException("this JPEG encoder was closed; make a new one");
        int w = image.width();
        int h = image.height();
        if (mat == null || mat.cols() != w || mat.rows() != h) {
            if (mat != null) mat.close();
            mat = new Mat(h, w, CV_8UC1); // continuous: rows follow one another, as in GreyImage
        }
        mat.data().put(image.pixels(), 0, w * h);
        if (!imencode(".jpg", mat, out, params)) {
            throw new IllegalStateException("OpenCV could not encode a " + w + "x" + h + " JPEG");
        }
        byte[] bytes = new byte[(int) out.limit()];
        out.get(bytes);
        return bytes;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (mat != null) mat.close();
        out.close();
        params.close();
    }
}
