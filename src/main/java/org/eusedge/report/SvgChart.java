package org.eusedge.report;

import org.eusedge.stats.Pretty;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * An x-y chart drawn as inline SVG: axes with ticks and labels, optional categorical y or x axis, lines, points,
 * bars, error bars, reference lines, notes and a legend. Data outside the axis ranges is clipped to the plot area.
 * Written here rather than with JFreeChart to keep the report dependency-free and the figures small and plain.
 */
public final class SvgChart {
    /** Where the legend goes: a corner inside the plot area, or BELOW it (one row under the x-axis label). */
    public enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT, BELOW }

    private static final double TICK_FONT = 11;
    private static final double LABEL_FONT = 12;

    private sealed interface Mark permits Line, Points, Bars, ErrorBar, RefLine, Label {}

    private record Line(double[] x, double[] y, String colour, String dash, double width) implements Mark {}

    private record Points(double[] x, double[] y, String[] colours, double radius) implements Mark {}

    /** Vertical bars (horizontal = false) centred on x, or horizontal bars centred on y. */
    private record Bars(double[] at, double[] length, double thickness, String colour, boolean horizontal) implements Mark {}

    private record ErrorBar(double at, double lo, double hi, String colour, boolean horizontal) implements Mark {}

    private record RefLine(double value, boolean vertical, String colour, String dash, String label) implements Mark {}

    private record Label(double x, double y, String text, String anchor) implements Mark {}

    private enum Key { LINE, POINT, BAR }

    private record LegendEntry(String name, String colour, String dash, Key key) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private int width = 460;
    private int height = 340;
    private double xLo = Double.NaN, xHi, yLo = Double.NaN, yHi;
    private boolean logX;
    private String[] yCategories;
    private String[] xCategories;
    private Corner legendCorner = Corner.BOTTOM_RIGHT;
    private final List<Mark> marks = new ArrayList<>();
    private final List<LegendEntry> legend = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Corner noteCorner = Corner.TOP_LEFT;

    private SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public static SvgChart xy(String title, String xLabel, String yLabel) {
        return new SvgChart(title, xLabel, yLabel);
    }

    public SvgChart size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    public SvgChart xRange(double lo, double hi) {
        checkRange(lo, hi, "x");
        xLo = lo;
        xHi = hi;
        return this;
    }

    public SvgChart yRange(double lo, double hi) {
        checkRange(lo, hi, "y");
        yLo = lo;
        yHi = hi;
        return this;
    }

    /** Logarithmic x axis (base 10); the x range and data must be positive. */
    public SvgChart logX() {
        logX = true;
        return this;
    }

    /** A categorical y axis: category k sits at y = k (top first); the y range becomes [-0.5, n - 0.5]. */
    public SvgChart yCategories(String... labels) {
        yCategories = labels.clone();
        yLo = -0.5;
        yHi = labels.length - 0.5;
        return this;
    }

    /** A categorical x axis: category k sits at x = k; the x range becomes [-0.5, n - 0.5]. */
    public SvgChart xCategories(String... labels) {
        xCategories = labels.clone();
        xLo = -0.5;
        xHi = labels.length - 0.5;
        return this;
    }

    public SvgChart legendAt(Corner corner) {
        legendCorner = corner;
        return this;
    }

    public SvgChart notesAt(Corner corner) {
        noteCorner = corner;
        return this;
    }

    /** @param legendName null for no legend entry; @param dash SVG dash array such as "6 4", or null for solid */
    public SvgChart line(String legendName, double[] x, double[] y, String colour, String dash) {
        sameLength(x, y);
        marks.add(new Line(x.clone(), y.clone(), colour, dash, 1.8));
        if (legendName != null) legend.add(new LegendEntry(legendName, colour, dash, Key.LINE));
        return this;
    }

    public SvgChart points(String legendName, double[] x, double[] y, String colour, double radius) {
        sameLength(x, y);
        String[] c = new String[x.length];
        java.util.Arrays.fill(c, colour);
        marks.add(new Points(x.clone(), y.clone(), c, radius));
        if (legendName != null) legend.add(new LegendEntry(legendName, colour, null, Key.POINT));
        return this;
    }

    /** Points with one colour each (the SHAP beeswarm). */
    public SvgChart points(double[] x, double[] y, String[] colours, double radius) {
        sameLength(x, y);
        if (colours.length != x.length) throw new IllegalArgumentException("need one colour per point");
        marks.add(new Points(x.clone(), y.clone(), colours.clone(), radius));
        return this;
    }

    /** Vertical bars of the given heights centred on x (from 0, or from the axis bottom on a positive axis). */
    public SvgChart bars(String legendName, double[] x, double[] heights, double thickness, String colour) {
        sameLength(x, heights);
        marks.add(new Bars(x.clone(), heights.clone(), thickness, colour, false));
        if (legendName != null) legend.add(new LegendEntry(legendName, colour, null, Key.BAR));
        return this;
    }

    /** Horizontal bars of the given lengths centred on y. */
    public SvgChart barsHorizontal(String legendName, double[] y, double[] lengths, double thickness, String colour) {
        sameLength(y, lengths);
        marks.add(new Bars(y.clone(), lengths.clone(), thickness, colour, true));
        if (legendName != null) legend.add(new LegendEntry(legendName, colour, null, Key.BAR));
        return this;
    }

    /** A vertical error bar at x from lo to hi. */
    public SvgChart errorBarY(double x, double lo, double hi, String colour) {
        marks.add(new ErrorBar(x, lo, hi, colour, false));
        return this;
    }

    /** A horizontal error bar at y from lo to hi (forest plot CI). */
    public SvgChart errorBarX(double y, double lo, double hi, String colour) {
        marks.add(new ErrorBar(y, lo, hi, colour, true));
        return this;
    }

    public SvgChart verticalLine(double x, String colour, String dash, String label) {
        marks.add(new RefLine(x, true, colour, dash, label));
        return this;
    }

    public SvgChart horizontalLine(double y, String colour, String dash, String label) {
        marks.add(new RefLine(y, false, colour, dash, label));
        return this;
    }

    /** Text at data coordinates. */
    public SvgChart label(double x, double y, String text, String anchor) {
        marks.add(new Label(x, y, text, anchor));
        return this;
    }

    /** A line of text in the note corner of the plot area (for example "MAE = 0.011"). */
    /** A legend entry drawn as a dot with no data behind it (for example a colour scale's ends). */
    public SvgChart legendPoint(String name, String colour) {
        legend.add(new LegendEntry(name, colour, null, Key.POINT));
        return this;
    }

    public SvgChart note(String text) {
        notes.add(text);
        return this;
    }

    public String render() {
        if (Double.isNaN(xLo) || Double.isNaN(yLo)) {
            throw new IllegalStateException("chart '" + title + "' needs xRange/yRange (or categories) before render()");
        }
        double left = 56;
        if (yCategories != null) {
            for (String c : yCategories) left = Math.max(left, Svg.textWidth(c, TICK_FONT) + 16);
            if (yLabel != null && !yLabel.isEmpty()) left += 16;
        }
        double top = 28, right = 14, bottom = xCategories != null && staggered(left) ? 62 : 44;
        double legendBelow = legendCorner == Corner.BELOW && !legend.isEmpty() ? 6 + 16 * belowRows() : 0;
        bottom += legendBelow;
        double pw = width - left - right, ph = height - top - bottom;
        Svg svg = new Svg(width, height, title);
        svg.text(left + pw / 2, 17, title, 13, "middle", true, 0, null);
        svg.rect(left, top, pw, ph, null, "#9a9a9a");
        // derived from the chart's text, not a counter, so rendering the same results twice gives the same page
        String clip = "clip" + Integer.toHexString((title + '|' + xLabel + '|' + yLabel + '|' + marks.size()).hashCode());
        // the clip area reaches 5 px past the frame so that dots on the axis limits (AUC 1.0) stay whole
        svg.raw("<clipPath id=\"" + clip + "\"><rect x=\"" + Svg.n(left - 5) + "\" y=\"" + Svg.n(top - 5) + "\" width=\""
                + Svg.n(pw + 10) + "\" height=\"" + Svg.n(ph + 10) + "\"/></clipPath>\n");
        Mapper m = new Mapper(left, top, pw, ph);
        axes(svg, m);
        svg.raw("<g clip-path=\"url(#" + clip + ")\">\n");
        for (Mark mark : marks) draw(svg, m, mark);
        svg.raw("</g>\n");
        for (Mark mark : marks) if (mark instanceof RefLine r && r.label() != null) refLabel(svg, m, r);
        drawNotes(svg, m);
        drawLegend(svg, m);
        return svg.end();
    }

    private final class Mapper {
        final double left, top, pw, ph;

        Mapper(double left, double top, double pw, double ph) {
            this.left = left;
            this.top = top;
            this.pw = pw;
            this.ph = ph;
        }

        double x(double v) {
            if (logX) return left + pw * (Math.log10(v) - Math.log10(xLo)) / (Math.log10(xHi) - Math.log10(xLo));
            return left + pw * (v - xLo) / (xHi - xLo);
        }

        /** Categories run top-down; numeric y bottom-up. */
        double y(double v) {
            if (yCategories != null) return top + ph * (v - yLo) / (yHi - yLo);
            return top + ph - ph * (v - yLo) / (yHi - yLo);
        }
    }

    private void axes(Svg svg, Mapper m) {
        double bottom = m.top + m.ph;
        if (xCategories != null) {
            boolean stagger = staggered(m.left);
            for (int k = 0; k < xCategories.length; k++) {
                double dy = stagger && k % 2 == 1 ? 13 : 0;
                svg.line(m.x(k), bottom, m.x(k), bottom + 4 + dy, "#555", 1, null);
                svg.text(m.x(k), bottom + 16 + dy, xCategories[k], TICK_FONT, "middle");
            }
        } else {
            for (double t : xTicks()) {
                double px = m.x(t);
                svg.line(px, m.top, px, bottom, "#e6e6e6", 1, null);
                svg.line(px, bottom, px, bottom + 4, "#555", 1, null);
                svg.text(px, bottom + 16, format(t), TICK_FONT, "middle");
            }
        }
        if (yCategories != null) {
            for (int k = 0; k < yCategories.length; k++) {
                svg.text(m.left - 6, m.y(k) + 4, yCategories[k], TICK_FONT, "end");
            }
        } else {
            for (double t : ticks(yLo, yHi)) {
                double py = m.y(t);
                svg.line(m.left, py, m.left + m.pw, py, "#e6e6e6", 1, null);
                svg.line(m.left - 4, py, m.left, py, "#555", 1, null);
                svg.text(m.left - 6, py + 4, format(t), TICK_FONT, "end");
            }
        }
        svg.rect(m.left, m.top, m.pw, m.ph, null, "#555");
        if (xLabel != null) {
            svg.text(m.left + m.pw / 2, m.top + m.ph + (xCategories != null && staggered(m.left) ? 47 : 34), xLabel, LABEL_FONT, "middle");
        }
        if (yLabel != null) svg.text(14, m.top + m.ph / 2, yLabel, LABEL_FONT, "middle", false, -90, null);
    }

    /** Whether neighbouring category labels would overlap, so every other one drops a line. */
    private boolean staggered(double left) {
        if (xCategories == null) return false;
        double spacing = (width - left - 14) / xCategories.length;
        for (String c : xCategories) if (Svg.textWidth(c, TICK_FONT) + 4 > spacing) return true;
        return false;
    }

    private double[] xTicks() {
        if (!logX) return ticks(xLo, xHi);
        List<Double> t = new ArrayList<>();
        int lo = (int) Math.floor(Math.log10(xLo)), hi = (int) Math.ceil(Math.log10(xHi));
        int[] mult = hi - lo <= 2 ? new int[] {1, 2, 5} : new int[] {1};
        for (int e = lo; e <= hi; e++) {
            for (int k : mult) {
                double v = k * Math.pow(10, e);
                if (v >= xLo * (1 - 1e-9) && v <= xHi * (1 + 1e-9)) t.add(v);
            }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] ticks(double lo, double hi) {
        double[] p = Pretty.of(lo, hi, 5);
        double eps = (hi - lo) * 1e-9;
        return java.util.Arrays.stream(p).filter(v -> v >= lo - eps && v <= hi + eps).toArray();
    }

    /** Shortest plain decimal of a tick value (ticks come from pretty(), so 10 significant digits suffice). */
    static String format(double v) {
        if (Math.abs(v) < 1e-12) return "0";
        String s = new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
        return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }

    private void draw(Svg svg, Mapper m, Mark mark) {
        switch (mark) {
            case Line l -> {
                double[] xs = new double[l.x().length], ys = new double[l.x().length];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = m.x(l.x()[i]);
                    ys[i] = m.y(l.y()[i]);
                }
                svg.polyline(xs, ys, l.colour(), l.width(), l.dash());
            }
            case Points p -> {
                for (int i = 0; i < p.x().length; i++) {
                    if (!Double.isFinite(p.x()[i]) || !Double.isFinite(p.y()[i])) continue;
                    svg.circle(m.x(p.x()[i]), m.y(p.y()[i]), p.radius(), p.colours()[i], null);
                }
            }
            case Bars b -> {
                for (int i = 0; i < b.at().length; i++) {
                    if (!Double.isFinite(b.length()[i])) continue;
                    if (b.horizontal()) {
                        double x0 = m.x(logX ? xLo : Math.max(xLo, 0)), x1 = m.x(b.length()[i]);
                        double yc = m.y(b.at()[i]), half = Math.abs(m.y(b.thickness() / 2) - m.y(0));
                        svg.rect(Math.min(x0, x1), yc - half, Math.abs(x1 - x0), 2 * half, b.colour(), null);
                    } else {
                        double y0 = m.y(Math.max(yLo, 0)), y1 = m.y(b.length()[i]);
                        double xc = m.x(b.at()[i]), half = Math.abs(m.x(b.thickness() / 2) - m.x(0));
                        svg.rect(xc - half, Math.min(y0, y1), 2 * half, Math.abs(y1 - y0), b.colour(), null);
                    }
                }
            }
            case ErrorBar e -> {
                if (!Double.isFinite(e.lo()) || !Double.isFinite(e.hi())) return;
                if (e.horizontal()) {
                    double y = m.y(e.at());
                    svg.line(m.x(e.lo()), y, m.x(e.hi()), y, e.colour(), 1.5, null);
                    svg.line(m.x(e.lo()), y - 4, m.x(e.lo()), y + 4, e.colour(), 1.5, null);
                    svg.line(m.x(e.hi()), y - 4, m.x(e.hi()), y + 4, e.colour(), 1.5, null);
                } else {
                    double x = m.x(e.at());
                    svg.line(x, m.y(e.lo()), x, m.y(e.hi()), e.colour(), 1.5, null);
                    svg.line(x - 4, m.y(e.lo()), x + 4, m.y(e.lo()), e.colour(), 1.5, null);
                    svg.line(x - 4, m.y(e.hi()), x + 4, m.y(e.hi()), e.colour(), 1.5, null);
                }
            }
            case RefLine r -> {
                if (r.vertical()) svg.line(m.x(r.value()), m.top, m.x(r.value()), m.top + m.ph, r.colour(), 1.2, r.dash());
                else svg.line(m.left, m.y(r.value()), m.left + m.pw, m.y(r.value()), r.colour(), 1.2, r.dash());
            }
            case Label l -> svg.text(m.x(l.x()), m.y(l.y()), l.text(), TICK_FONT, l.anchor());
        }
    }

    private void refLabel(Svg svg, Mapper m, RefLine r) {
        if (r.vertical()) {
            double x = m.x(r.value());
            boolean fitsRight = x + 4 + Svg.textWidth(r.label(), TICK_FONT - 1) < m.left + m.pw;   // else put it left of the line
            svg.text(fitsRight ? x + 4 : x - 4, m.top + 12, r.label(), TICK_FONT - 1, fitsRight ? "start" : "end", false, 0, r.colour());
        }
        else svg.text(m.left + m.pw - 4, m.y(r.value()) - 4, r.label(), TICK_FONT - 1, "end", false, 0, r.colour());
    }

    private void drawNotes(Svg svg, Mapper m) {
        if (notes.isEmpty()) return;
        boolean leftSide = noteCorner == Corner.TOP_LEFT || noteCorner == Corner.BOTTOM_LEFT;
        boolean topSide = noteCorner == Corner.TOP_LEFT || noteCorner == Corner.TOP_RIGHT;
        double y = topSide ? m.top + 16 : m.top + m.ph - 8 - 14 * (notes.size() - 1);
        for (String n : notes) {
            svg.text(leftSide ? m.left + 8 : m.left + m.pw - 8, y, n, TICK_FONT, leftSide ? "start" : "end");
            y += 14;
        }
    }

    private void drawLegend(Svg svg, Mapper m) {
        if (legend.isEmpty()) return;
        if (legendCorner == Corner.BELOW) {
            double x = BELOW_START, y = height - 16 * belowRows() + 6;
            for (LegendEntry e : legend) {
                double w = belowWidth(e);
                if (x + w > width && x > BELOW_START) {
                    x = BELOW_START;
                    y += 16;
                }
                legendKey(svg, e, x, y);
                svg.text(x + 26, y, e.name(), TICK_FONT - 0.5, "start");
                x += w;
            }
            return;
        }
        double w = 0;
        for (LegendEntry e : legend) w = Math.max(w, Svg.textWidth(e.name(), TICK_FONT - 0.5));
        w += 38;
        double h = 16 * legend.size() + 8;
        boolean leftSide = legendCorner == Corner.TOP_LEFT || legendCorner == Corner.BOTTOM_LEFT;
        boolean topSide = legendCorner == Corner.TOP_LEFT || legendCorner == Corner.TOP_RIGHT;
        double x = leftSide ? m.left + 6 : m.left + m.pw - w - 6;
        double y = topSide ? m.top + 6 : m.top + m.ph - h - 6;
        svg.raw("<g>");
        svg.rect(x, y, w, h, "#ffffff", "#bbbbbb");
        double ly = y + 14;
        for (LegendEntry e : legend) {
            legendKey(svg, e, x + 6, ly);
            svg.text(x + 32, ly, e.name(), TICK_FONT - 0.5, "start");
            ly += 16;
        }
        svg.raw("</g>\n");
    }

    private static final double BELOW_START = 12;

    private static double belowWidth(LegendEntry e) {
        return 26 + Svg.textWidth(e.name(), TICK_FONT - 0.5) + 14;
    }

    /** Rows the BELOW legend needs: entries flow left to right and wrap at the figure's width. */
    private int belowRows() {
        int rows = 1;
        double x = BELOW_START;
        for (LegendEntry e : legend) {
            if (x + belowWidth(e) > width && x > BELOW_START) {
                rows++;
                x = BELOW_START;
            }
            x += belowWidth(e);
        }
        return rows;
    }

    private static void legendKey(Svg svg, LegendEntry e, double x, double baseline) {
        switch (e.key()) {
            case POINT -> svg.circle(x + 10, baseline - 4, 3.5, e.colour(), null);
            case BAR -> svg.rect(x + 2, baseline - 9, 16, 10, e.colour(), null);
            case LINE -> svg.line(x, baseline - 4, x + 20, baseline - 4, e.colour(), 2.5, e.dash());
        }
    }

    private static void checkRange(double lo, double hi, String axis) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new IllegalArgumentException(axis + " range [" + lo + ", " + hi + "] is empty or not finite");
        }
    }

    private static void sameLength(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("x has " + a.length + " values but y has " + b.length);
    }
}
