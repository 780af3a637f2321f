package org.eusedge.imaging.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.eusedge.imaging.GreyImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedVideoTest {

    @TempDir
    Path tmp;

    @Test
    void h264ClipDecodesToTheExpectedFramesAndContent() throws Exception {
        // the LGPL JavaCV build carries OpenH264, so H.264 / MP4 is expected here
        SimulatedVideo.Written w = SimulatedVideo.write(tmp.resolve("clip.mp4"), 192, 144, 10, 2, 31);
        assertEquals("h264", w.codec());
        assertEquals(tmp.resolve("clip.mp4"), w.file());
        checkDecodes(w);
    }

    @Test
    void mjpegFallbackWritesAnAviThatDecodes() throws Exception {
        SimulatedVideo.Written w = SimulatedVideo.write(tmp.resolve("clip.mp4"), 192, 144, 10, 2, 31, false);
        assertEquals("mjpeg", w.codec());
        assertEquals(tmp.resolve("clip.avi"), w.file());
        checkDecodes(w);
    }

    private static void checkDecodes(SimulatedVideo.Written w) throws Exception {
        assertTrue(Files.size(w.file()) > 1000);
        assertEquals(20, w.frames());
        GreyImage expectedFirst = new EusFrameSimulator(31, 192, 144).nextLiveFrame();
        int decoded = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(w.file().toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            g.start();
            assertEquals(192, g.getImageWidth());
            assertEquals(144, g.getImageHeight());
            assertEquals(w.codec(), g.getVideoCodecName());
            Frame f;
            while ((f = g.grabImage()) != null) {
                if (decoded == 0) {
                    // lossy codec: the decoded first frame is close to, not equal to, the simulator's first frame
                    ByteBuffer buf = (ByteBuffer) f.image[0];
                    double diff = 0;
                    for (int y = 0; y < 144; y++) {
                        for (int x = 0; x < 192; x++) {
                            diff += Math.abs((buf.get(y * f.imageStride + x) & 0xff) - expectedFirst.at(x, y));
                        }
                    }
                    double mad = diff / (192 * 144);
                    assertTrue(mad < 20, "mean absolute difference " + mad);
                }
                decoded++;
            }
            g.stop();
        }
        assertEquals(20, decoded);
    }

    @Test
    void oddSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedVideo.write(tmp.resolve("odd.mp4"), 191, 144, 10, 1, 1));
        assertTrue(e.getMessage().contains("even"), e.getMessage());
    }
}
