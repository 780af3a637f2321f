package org.eusedge.imaging.sim;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.eusedge.imaging.GreyImage;

/**
 * Writes a synthetic live EUS clip (frames of {@link EusFrameSimulator#nextLiveFrame()}) for demos and for the
 * capture path's file source. H.264 in MP4 when this FFmpeg build has an H.264 encoder (the LGPL JavaCV build
 * carries OpenH264, not x264); otherwise Motion JPEG in AVI, next to the requested file with an .avi extension.
 */
public final class SimulatedVideo {
    private SimulatedVideo() {}

    /** What was written: the file (its extension says the container), the codec name and the frame count. */
    public record Written(Path file, String codec, int frames) {}

    public static Written write(Path file, int width, int height, int fps, int seconds, long seed) {
        return write(file, width, height, fps, seconds, seed, true);
    }

    /** As {@link #write(Path, int, int, int, int, long)}; {@code tryH264 = false} goes straight to MJPEG / AVI. */
    static Written write(Path file, int width, int height, int fps, int seconds, long seed, boolean tryH264) {
        Objects.requireNonNull(file, "file");
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("video size must be even in both directions (4:2:0 chroma), got "
                    + width + "x" + height);
        }
        if (fps < 1 || seconds < 1) {
            throw new IllegalArgumentException("fps and seconds must be >= 1, got " + fps + " and " + seconds);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the folder of " + file, e);
        }
        if (tryH264 && avcodec.avcodec_find_encoder(avcodec.AV_CODEC_ID_H264) != null) {
            try {
                return record(file, "mp4", avcodec.AV_CODEC_ID_H264, avutil.AV_PIX_FMT_YUV420P, "h264",
                        width, height, fps, seconds, seed);
            } catch (IllegalStateException encoderFailed) {
                // the encoder is registered but would not open (e.g. its library is missing): fall back to MJPEG
                deleteQuietly(file);
            }
        }
        Path avi = file.resolveSibling(stripExtension(file.getFileName().toString()) + ".avi");
        return record(avi, "avi", avcodec.AV_CODEC_ID_MJPEG, avutil.AV_PIX_FMT_YUVJ420P, "mjpeg",
                width, height, fps, seconds, seed);
    }

    private static Written record(Path file, String format, int codec, int pixelFormat, String codecName,
                                  int width, int height, int fps, int seconds, long seed) {
        EusFrameSimulator sim = new EusFrameSimulator(seed, width, height);
        int frames = fps * seconds;
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            rec.setFormat(format);
            rec.setVideoCodec(codec);
            rec.setPixelFormat(pixelFormat);
            rec.setFrameRate(fps);
            rec.setGopSize(fps);
            rec.setVideoBitrate(Math.max(500_000, width * height * fps / 8));
            rec.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 1);
            for (int i = 0; i < frames; i++) {
                GreyImage img = sim.nextLiveFrame();
                ByteBuffer buf = (ByteBuffer) frame.image[0];
                int stride = frame.imageStride;
                for (int y = 0; y < height; y++) {
                    buf.position(y * stride);
                    buf.put(img.pixels(), y * width, width);
                }
                buf.rewind();
                rec.record(frame, avutil.AV_PIX_FMT_GRAY8);
            }
            rec.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write " + file + " (" + codecName + "): "
                    + e.getMessage(), e);
        }
        return new Written(file, codecName, frames);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException ignored) {
            // a partial file left behind does not change the outcome: the MJPEG file is written elsewhere
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
