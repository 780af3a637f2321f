package org.eusedge.training.selection;

/** Argument checks shared by the selection steps, so every step rejects bad input with the same clear words. */
final class Inputs {
    private Inputs() {}

    /** Rows must be non-empty, rectangular with {@code width} columns, and finite. */
    static void requireFiniteMatrix(double[][] rows, int width, String what) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(what + " has no rows: pass at least one row");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != width) {
                throw new IllegalArgumentException(what + " row " + i + " has "
                        + (rows[i] == null ? "no values" : rows[i].length + " values") + " but " + width
                        + " were expected (one per feature name)");
            }
            for (int j = 0; j < width; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(what + " row " + i + " column " + j + " is " + rows[i][j]
                            + ": impute or drop missing/infinite values before feature selection");
                }
            }
        }
    }

    static void requireFinite(double[] values, String what) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + " is empty: pass at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i]
                        + ": impute or drop missing/infinite values first");
            }
        }
    }

    /** Labels must be 0/1, one per row, and both classes present. */
    static void requireBinaryLabels(int[] y, int rows) {
        if (y == null || y.length != rows) {
            throw new IllegalArgumentException("got " + (y == null ? 0 : y.length) + " labels for " + rows
                    + " rows: pass exactly one label per row");
        }
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("label of row " + i + " is " + y[i]
                        + ": labels must be 1 (PNET, positive) or 0 (cancer)");
            }
            positives += y[i];
        }
        if (positives == 0 || positives == y.length) {
            throw new IllegalArgumentException("all " + y.length + " rows have label " + y[0]
                    + ": feature selection needs both classes (1 = PNET and 0 = cancer) in the training rows");
        }
    }

    static void requireNames(String[] names, int width) {
        if (names == null) throw new IllegalArgumentException("feature names are missing: pass one name per column");
        if (names.length != width) {
            throw new IllegalArgumentException("got " + names.length + " feature names for "
                    + width + " columns: pass one name per column");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank()) throw new IllegalArgumentException("a feature name is blank: name every column");
            if (!seen.add(n)) throw new IllegalArgumentException("feature name '" + n + "' occurs twice: names must be unique");
        }
    }
}
