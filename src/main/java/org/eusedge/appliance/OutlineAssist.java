package org.eusedge.appliance;

import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.eusedge.imaging.Box;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.InvalidRoiException;
import org.eusedge.imaging.PolygonRoi;

/**
 * The box assist: the operator drags a box around the lesion, centred on it, and OpenCV's GrabCut separates the
 * lesion from its surroundings; the outline of the foreground region, simplified, becomes an editable polygon. A
 * proposal only: the operator checks and edits it before scoring.
 */
public final class OutlineAssist {
    static final int ITERATIONS = 5;
    /** Douglas-Peucker tolerance: a hand-editable number of vertices without visible loss. */
    static final double SIMPLIFY_PX = 1.5;
    /** Median filter aperture applied before GrabCut (odd): speckle defeats its colour models. */
    static final int SPECKLE_MEDIAN_PX = 9;
    /** The central ellipse of the box, as a fraction of its size, is taken as certainly lesion. */
    static final double SURE_CORE = 0.2;

    private OutlineAssist() {}

    public static PolygonRoi grabCut(GreyImage frame, Box box) {
        int x0 = Math.max(0, box.x0()), y0 = Math.max(0, box.y0());
        int x1 = Math.min(frame.width(), box.x1()), y1 = Math.min(frame.height(), box.y1());
        if (x1 - x0 < 8 || y1 - y0 < 8) {
            throw new InvalidRoiException(InvalidRoiException.Rule.TOO_SMALL, "the assist box " + box
                    + " covers less than 8x8 px of the frame; drag a box around the whole lesion");
        }
        // GrabCut learns the background from around the box: local tissue, not the black outside the sector
        int grow = Math.max(16, Math.max(x1 - x0, y1 - y0) / 2);
        int cx0 = Math.max(0, x0 - grow), cy0 = Math.max(0, y0 - grow);
        int cx1 = Math.min(frame.width(), x1 + grow), cy1 = Math.min(frame.height(), y1 + grow);
        int cw = cx1 - cx0, ch = cy1 - cy0;
        byte[] local = new byte[cw * ch];
        for (int y = 0; y < ch; y++) System.arraycopy(frame.pixels(), (cy0 + y) * frame.width() + cx0, local, y * cw, cw);
        byte[] labels = initialLabels(cw, ch, x0 - cx0, y0 - cy0, x1 - cx0, y1 - cy0);

        try (Mat grey = new Mat(ch, cw, opencv_core.CV_8UC1); Mat smooth = new Mat(); Mat colour = new Mat();
             Mat mask = new Mat(ch, cw, opencv_core.CV_8UC1); Mat bgd = new Mat(); Mat fgd = new Mat();
             Rect unused = new Rect(); Mat fg = new Mat(ch, cw, opencv_core.CV_8UC1);
             MatVector contours = new MatVector(); Mat hierarchy = new Mat()) {
            grey.data().put(local);
            opencv_imgproc.medianBlur(grey, smooth, SPECKLE_MEDIAN_PX);
            opencv_imgproc.cvtColor(smooth, colour, opencv_imgproc.COLOR_GRAY2BGR); // GrabCut takes 3 channels
            mask.data().put(labels);
            opencv_imgproc.grabCut(colour, mask, unused, bgd, fgd, ITERATIONS, opencv_imgproc.GC_INIT_WITH_MASK);
            mask.data().get(labels);
            for (int i = 0; i < labels.length; i++) labels[i] = (labels[i] & 1) != 0 ? (byte) 255 : 0; // FGD 1, PR_FGD 3
            fg.data().put(labels);
            opencv_imgproc.findContours(fg, contours, hierarchy, opencv_imgproc.RETR_EXTERNAL, opencv_imgproc.CHAIN_APPROX_SIMPLE);
            long best = -1;
            double bestArea = 0;
            for (long i = 0; i < contours.size(); i++) {
                double a = opencv_imgproc.contourArea(contours.get(i));
                if (a > bestArea) {
                    bestArea = a;
                    best = i;
                }
            }
            if (best < 0) {
                throw new InvalidRoiException(InvalidRoiException.Rule.TOO_SMALL, "the assist found no lesion in the box;"
                        + " outline it by hand (polygon or freehand)");
            }
            try (Mat simple = new Mat()) {
                opencv_imgproc.approxPolyDP(contours.get(best), simple, SIMPLIFY_PX, true);
                int n = simple.rows();
                double[] xs = new double[n], ys = new double[n];
                try (IntIndexer ix = simple.createIndexer()) {
                    for (int i = 0; i < n; i++) {
                        // contour points are pixel indices; +0.5 puts the vertex on the pixel centre
                        xs[i] = cx0 + ix.get(i, 0, 0) + 0.5;
                        ys[i] = cy0 + ix.get(i, 0, 1) + 0.5;
                    }
                }
                return new PolygonRoi(xs, ys);
            }
        }
    }

    /** Outside the box: background; inside: probably background, its inscribed ellipse probably lesion, the core lesion. */
    private static byte[] initialLabels(int w, int h, int bx0, int by0, int bx1, int by1) {
        byte[] m = new byte[w * h];
        double cx = (bx0 + bx1) / 2.0, cy = (by0 + by1) / 2.0, rx = (bx1 - bx0) / 2.0, ry = (by1 - by0) / 2.0;
        for (int y = by0; y < by1; y++) {
            for (int x = bx0; x < bx1; x++) {
                double dx = (x + 0.5 - cx) / rx, dy = (y + 0.5 - cy) / ry;
                double r2 = dx * dx + dy * dy;
                m[y * w + x] = (byte) (r2 <= SURE_CORE * SURE_CORE ? opencv_imgproc.GC_FGD
                        : r2 <= 1 ? opencv_imgproc.GC_PR_FGD : opencv_imgproc.GC_PR_BGD);
            }
        }
        return m;
    }
}
