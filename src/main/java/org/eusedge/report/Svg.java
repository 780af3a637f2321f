package org.eusedge.report;

import java.util.Locale;

/**
 * A tiny SVG writer for inline figures: shapes and escaped text, coordinates rounded to 0.01 px. The output is
 * well-formed XML with no external references, so it can sit inside an offline (X)HTML page.
 */
final class Svg {
    static final String FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";
    private final StringBuilder b = new StringBuilder();

    Svg(double width, double height, String title) {
        b.append("<svg width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" role=\"img\" ").append(FONT).append(" font-size=\"11\"><title>").append(escape(title))
                .append("</title>\n");
        rect(0, 0, width, height, "#ffffff", null);
    }

    Svg raw(String s) {
        b.append(s);
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
        b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append('"');
        if (dash != null) b.append(" stroke-dasharray=\"").append(dash).append('"');
        b.append("/>\n");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String stroke) {
        b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
                .append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"").append(fill == null ? "none" : fill).append('"');
        if (stroke != null) b.append(" stroke=\"").append(stroke).append("\" stroke-width=\"1\"");
        b.append("/>\n");
        return this;
    }

    Svg circle(double cx, double cy, double r, String fill, String stroke) {
        b.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill == null ? "none" : fill).append('"');
        if (stroke != null) b.append(" stroke=\"").append(stroke).append("\" stroke-width=\"1\"");
        b.append("/>\n");
        return this;
    }

    Svg polyline(double[] xs, double[] ys, String stroke, double width, String dash) {
        b.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-linejoin=\"round\"");
        if (dash != null) b.append(" stroke-dasharray=\"").append(dash).append('"');
        b.append(" points=\"");
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) continue;
            b.append(n(xs[i])).append(',').append(n(ys[i])).append(' ');
        }
        b.append("\"/>\n");
        return this;
    }

    Svg polygon(double[] xs, double[] ys, String fill) {
        b.append("<polygon fill=\"").append(fill).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) b.append(n(xs[i])).append(',').append(n(ys[i])).append(' ');
        b.append("\"/>\n");
        return this;
    }

    /** @param anchor start | middle | end; @param rotate degrees about (x, y), 0 for none */
    Svg text(double x, double y, String s, double size, String anchor, boolean bold, double rotate, String fill) {
        b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(anchor).append('"');
        if (bold) b.append(" font-weight=\"bold\"");
        if (fill != null) b.append(" fill=\"").append(fill).append('"');
        if (rotate != 0) b.append(" transform=\"rotate(").append(n(rotate)).append(' ').append(n(x)).append(' ').append(n(y)).append(")\"");
        b.append('>').append(escape(s)).append("</text>\n");
        return this;
    }

    Svg text(double x, double y, String s, double size, String anchor) {
        return text(x, y, s, size, anchor, false, 0, null);
    }

    String end() {
        return b + "</svg>";
    }

    static String n(double v) {
        if (!Double.isFinite(v)) return "0";
        double r = Math.round(v * 100) / 100.0;
        if (r == Math.rint(r)) return Long.toString((long) r);
        return String.format(Locale.ROOT, "%.2f", r).replaceAll("0$", "");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Approximate width in px of text at a font size (DejaVu Sans averages ~0.6 em per character). */
    static double textWidth(String s, double size) {
        return s.length() * size * 0.6;
    }
}
