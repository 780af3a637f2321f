package org.eusedge.training;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eusedge.imaging.MaskRoi;
import org.eusedge.imaging.Roi;
import org.eusedge.imaging.RoiJson;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A training cohort read from a manifest CSV through a {@link ColumnMapping}: one case per row. */
public record Cohort(Path manifest, ColumnMapping mapping, List<String> clinicalNames, List<Case> cases) {

    /** One case. Clinical values in raw units, NaN where the manifest leaves them blank. */
    public record Case(String id, Path image, Path mask, String polygonJson, int label, String split, double[] clinical) {

        public Roi roi() {
            return mask != null ? MaskRoi.read(mask) : RoiJson.parse(polygonJson);
        }
    }

    public static Cohort read(Path manifest, ColumnMapping mapping) {
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("cohort manifest " + manifest + " does not exist");
        }
        Path base = manifest.toAbsolutePath().getParent();
        List<String> clinicalNames = mapping.clinical().stream().map(ColumnMapping.ClinicalColumn::name).toList();
        List<Case> cases = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(manifest);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            Map<String, Integer> header = csv.getHeaderMap();
            List<String> needed = new ArrayList<>(List.of(mapping.id(), mapping.image(), mapping.label()));
            if (mapping.mask() != null) needed.add(mapping.mask());
            if (mapping.polygon() != null) needed.add(mapping.polygon());
            if (mapping.split() != null) needed.add(mapping.split());
            mapping.clinical().forEach(c -> needed.add(c.column()));
            List<String> absent = needed.stream().filter(c -> !header.containsKey(c)).toList();
            if (!absent.isEmpty()) {
                throw new IllegalArgumentException("cohort manifest " + manifest + " lacks column(s) " + absent
                        + "; it has " + header.keySet() + ". Choose the matching --mapping or write one");
            }
            Set<String> ids = new HashSet<>();
            for (CSVRecord rec : csv) {
                String where = manifest.getFileName() + " line " + (rec.getRecordNumber() + 1);
                String id = rec.get(mapping.id()).trim();
                if (!ids.add(id)) throw new IllegalArgumentException(where + ": case id '" + id + "' appears twice");
                String labelText = rec.get(mapping.label()).trim();
                if (labelText.isEmpty()) throw new IllegalArgumentException(where + ": case " + id + " has no label");
                int label = labelText.equals(mapping.positiveValue()) ? 1 : 0;
                Path image = base.resolve(rec.get(mapping.image()).trim());
                if (!Files.isRegularFile(image)) {
                    throw new IllegalArgumentException(where + ": image " + image + " of case " + id + " does not exist");
                }
                Path mask = null;
                String polygon = null;
                if (mapping.mask() != null) {
                    mask = base.resolve(rec.get(mapping.mask()).trim());
                    if (!Files.isRegularFile(mask)) {
                        throw new IllegalArgumentException(where + ": mask " + mask + " of case " + id + " does not exist");
                    }
                } else {
                    polygon = rec.get(mapping.polygon());
                }
                String split = null;
                if (mapping.split() != null) {
                    split = rec.get(mapping.split()).trim().toLowerCase();
                    if (!split.equals("train") && !split.equals("test")) {
                        throw new IllegalArgumentException(where + ": split must be train or test, got '" + split + "'");
                    }
                }
                double[] clinical = new double[mapping.clinical().size()];
                for (int j = 0; j < clinical.length; j++) {
                    clinical[j] = clinicalValue(mapping.clinical().get(j), rec.get(mapping.clinical().get(j).column()), where);
                }
                cases.add(new Case(id, image, mask, polygon, label, split, clinical));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read cohort manifest " + manifest + ": " + e.getMessage(), e);
        }
        if (cases.isEmpty()) throw new IllegalArgumentException("cohort manifest " + manifest + " has no cases");
        return new Cohort(manifest, mapping, clinicalNames, List.copyOf(cases));
    }

    static double clinicalValue(ColumnMapping.ClinicalColumn col, String text, String where) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return Double.NaN;
        double v;
        if (col.codes() != null && col.codes().containsKey(t)) {
            v = col.codes().get(t);
        } else {
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": column " + col.column() + " (" + col.name()
                        + ") has '" + t + "', not a number" + (col.codes() == null ? "" : " nor one of " + col.codes().keySet()));
            }
        }
        return col.invert() ? 1 - v : v;
    }

    /** A case's clinical facts as the scorer takes them (name -> value), leaving out the blank ones. */
    public Map<String, Object> clinicalInputs(Case c) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int j = 0; j < clinicalNames.size(); j++) {
            if (!Double.isNaN(c.clinical()[j])) m.put(clinicalNames.get(j), c.clinical()[j]);
        }
        return m;
    }

    public int[] labels() {
        return cases.stream().mapToInt(Case::label).toArray();
    }
}
