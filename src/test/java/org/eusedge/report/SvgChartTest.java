package org.eusedge.report;

import org.eusedge.stats.Auc;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart primitives place marks where the axes say and write well-formed, escaped SVG. */
class SvgChartTest {

    @Test
    void pointsSitWhereTheAxisTicksSay() throws Exception {
        String svg = SvgChart.xy("place <check> & see", "x label", "y label").size(400, 300).xRange(0, 2).yRange(0, 10)
                .points("dot", new double[] {1.5}, new double[] {4}, "#ff0000", 3).render();
        Document doc = HtmlReportTest.parse(svg);
        Element dot = null;
        NodeList circles = doc.getElementsByTagName("circle");
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            if (c.getAttribute("fill").equals("#ff0000") && c.getAttribute("r").equals("3")) { dot = c; break; }
        }
        assertTrue(dot != null, "the data dot is drawn");
        double cx = Double.parseDouble(dot.getAttribute("cx")), cy = Double.parseDouble(dot.getAttribute("cy"));
        // the tick labelled 1.5 on x and 4 on y must sit at the dot (text x of the x tick, text y - 4 of the y tick)
        double tickX = Double.NaN, tickY = Double.NaN;
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.getTextContent().equals("1.5") && t.getAttribute("text-anchor").equals("middle")) tickX = Double.parseDouble(t.getAttribute("x"));
            if (t.getTextContent().equals("4") && t.getAttribute("text-anchor").equals("end")) tickY = Double.parseDouble(t.getAttribute("y")) - 4;
        }
        assertEquals(tickX, cx, 0.01);
        assertEquals(tickY, cy, 0.01);
        assertEquals("place <check> & see", doc.getElementsByTagName("title").item(0).getTextContent(), "title escaped and kept");
        assertTrue(texts(doc).containsAll(List.of("x label", "y label", "dot", "0", "0.5", "1", "1.5", "2", "4", "6", "8", "10")));
    }

    @Test
    void logAxisTicksArePowersOfTenAndItsMultiples() throws Exception {
        String svg = SvgChart.xy("log", "OR", null).xRange(0.1, 10).logX().yCategories("a", "b")
                .points("p", new double[] {1}, new double[] {0}, "#000000", 2).render();
        List<String> t = texts(HtmlReportTest.parse(svg));
        assertTrue(t.containsAll(List.of("0.1", "0.2", "0.5", "1", "2", "5", "10", "a", "b")), t.toString());
    }

    @Test
    void nonFiniteValuesAreSkippedAndEmptyRangesRefused() throws Exception {
        String svg = SvgChart.xy("gaps", "x", "y").xRange(0, 1).yRange(0, 1)
                .line("l", new double[] {0, 0.5, 1}, new double[] {0, Double.NaN, 1}, "#000000", null).render();
        HtmlReportTest.parse(svg);
        assertTrue(!svg.contains("NaN") && !svg.contains("Infinity"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SvgChart.xy("t", "x", "y").xRange(1, 1));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> SvgChart.xy("t", "x", "y").render());
        assertTrue(s.getMessage().contains("xRange"), s.getMessage());
    }

    @Test
    void rocCurveAreaEqualsTheMannWhitneyAuc() {
        double[] score = {0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.4, 0.65, 0.05};
        int[] y = {0, 0, 1, 1, 1, 1, 0, 0, 1, 0};
        double[][] roc = Figures.rocPoints(score, y);
        double area = 0;
        for (int k = 1; k < roc[0].length; k++) area += (roc[0][k] - roc[0][k - 1]) * (roc[1][k] + roc[1][k - 1]) / 2;
        assertEquals(Auc.of(score, y), area, 1e-12, "trapezoids under the empirical ROC (ties as diagonal steps)");
        assertEquals(1.0, roc[0][roc[0].length - 1]);
        assertEquals(1.0, roc[1][roc[1].length - 1]);
    }

    private static List<String> texts(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) out.add(t.item(i).getTextContent());
        return out;
    }
}
