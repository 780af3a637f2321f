package org.eusedge.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the original DDTI annotation: per image k, a JSON list of {"points": [{"x":..,"y":..}, ...]} polygons. */
final class DdtiPolygons {
    private DdtiPolygons() {}

    static List<PolygonRoi> of(Path xml, int image) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        NodeList marks = doc.getElementsByTagName("mark");
        List<PolygonRoi> out = new ArrayList<>();
        for (int i = 0; i < marks.getLength(); i++) {
            Element mark = (Element) marks.item(i);
            int k = Integer.parseInt(mark.getElementsByTagName("image").item(0).getTextContent().trim());
            if (k != image) continue;
            JsonNode polygons = new ObjectMapper().readTree(mark.getElementsByTagName("svg").item(0).getTextContent());
            for (JsonNode poly : polygons) {
                JsonNode pts = poly.get("points");
                double[] xs = new double[pts.size()];
                double[] ys = new double[pts.size()];
                for (int p = 0; p < pts.size(); p++) {
                    xs[p] = pts.get(p).get("x").asDouble();
                    ys[p] = pts.get(p).get("y").asDouble();
                }
                out.add(new PolygonRoi(xs, ys));
            }
        }
        return out;
    }
}
