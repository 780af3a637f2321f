package org.eusedge.capture;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.eusedge.imaging.GreyImage;

/**
 * An open FFmpeg grabber that yields grey pictures. The grabber is put in GRAY image mode, so FFmpeg's swscale
 * turns each decoded picture into 8-bit full-range luma (for YUV input: the Y plane, range-expanded; no colour
 * conversion is done in Java), and we copy its rows into a fresh array (the grabber reuses its buffer).
 */
class FfmpegSession implements RetryingSource.Session {
    static {
        // FFmpeg logs every opened input's stream layout at INFO on stderr; the service reports state itself
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    protected final FFmpegFrameGrabber grabber;

    /** Starts {@code grabber} in grey mode; on failure it is released and the exception passed on. */
    FfmpegSession(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
        this.grabber = grabber;
        grabber.setImageMode(FrameGrabber.ImageMode.GRAY);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            releaseQuietly(grabber);
            throw e;
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            releaseQuietly(grabber);
            throw new FrameGrabber.Exception("no video stream found (the input has no picture, or it could not be"
                    + " probed)");
        }
    }

    @Override
    public GreyImage next() throws Exception {
        org.bytedeco.javacv.Frame f = grabber.grabImage();
        return f == null ? null : grey(f);
    }

    /** Copies a GRAY8 JavaCV frame into a GreyImage (row by row: the frame's stride may exceed its width). */
    static GreyImage grey(org.bytedeco.javacv.Frame f) {
        if (f.imageChannels != 1 || f.imageDepth != org.bytedeco.javacv.Frame.DEPTH_UBYTE) {
            throw new IllegalStateException("expected an 8-bit grey frame from FFmpeg, got " + f.imageChannels
                    + " channel(s) of depth " + f.imageDepth);
        }
        int w = f.imageWidth;
        int h = f.imageHeight;
        int stride = f.imageStride;
        ByteBuffer buf = ((ByteBuffer) f.image[0]).duplicate();
        byte[] px = new byte[w * h];
        if (stride == w) {
            buf.position(0);
            buf.get(px, 0, w * h);
        } else {
            for (int y = 0; y < h; y++) {
                buf.position(y * stride);
                buf.get(px, y * w, w);
            }
        }
        return new GreyImage(w, h, px);
    }

    @Override
    public void close() {
        releaseQuietly(grabber);
    }

    private static void releaseQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // closing a grabber that failed half-way can fail again; the native context is freed either way
        }
    }
}
