package org.eusedge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicalSelectionTest {

    @Test
    void choosesTheReferenceSignatureVariables() {
        ClinicalCohort c = ClinicalCohort.train();
        ClinicalSelection.Result r = ClinicalSelection.select(c.x(), c.names(), c.y());
        assertEquals(Reference.strings(Reference.at("/clinical/univariable_significant")), r.univariableSignificant());
        assertEquals(Reference.strings(Reference.at("/clinical/multivariable_significant")), r.multivariableSignificant());
        assertEquals(Reference.strings(Reference.at("/clinical/signature_vars")), r.signatureVars());
        assertEquals(Reference.at("/clinical/signature_rule").asText(), r.signatureRule());
        assertEquals(List.of(c.names()), List.copyOf(r.univariable().keySet()));
        var multi = assertInstanceOf(LogisticFit.Fitted.class, r.multivariable());
        assertEquals(Reference.at("/clinical/multivariable/terms/age/coef").asDouble(), multi.term("age").coef(), 1e-4);
    }

    /** Two independent noise columns and labels: nothing is significant, so all variables are used. */
    @Test
    void noUnivariableSignalFallsBackToAllVariables() {
        double[][] x = new double[40][2];
        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            y[i] = i % 2;
            x[i][0] = (i / 2) % 5;          // same distribution in both classes
            x[i][1] = (i / 4) % 3;
        }
        ClinicalSelection.Result r = ClinicalSelection.select(x, new String[] {"a", "b"}, y);
        assertTrue(r.univariableSignificant().isEmpty());
        assertNull(r.multivariable());
        assertEquals(List.of("a", "b"), r.signatureVars());
        assertEquals(ClinicalSelection.RULE_ALL_FALLBACK, r.signatureRule());
    }

    /**
     * Two copies-with-noise of the same signal: each is significant alone, but together they share the effect and
     * neither reaches p < 0.05, so the univariable set is used.
     */
    @Test
    void noMultivariableSignalFallsBackToTheUnivariableSet() {
        int n = 60;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i % 3 == 0 || i % 7 == 0) ? 1 : 0;
            double signal = y[i] == 1 ? 1.0 : 0.0;
            x[i][0] = signal + ((i * 37) % 11 - 5) / 6.0;
            x[i][1] = signal + ((i * 37) % 11 - 5) / 6.0 + ((i * 13) % 5 - 2) / 40.0;
        }
        ClinicalSelection.Result r = ClinicalSelection.select(x, new String[] {"u", "v"}, y);
        assertEquals(List.of("u", "v"), r.univariableSignificant());
        assertTrue(r.multivariableSignificant().isEmpty(), r.multivariable().toString());
        assertEquals(List.of("u", "v"), r.signatureVars());
        assertEquals(ClinicalSelection.RULE_UNIVARIABLE_FALLBACK, r.signatureRule());
    }

    @Test
    void aFailedUnivariableFitCountsAsNotSignificant() {
        ClinicalCohort c = ClinicalCohort.train();
        double[][] x = new double[c.y().length][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = c.x()[i][0];  // age
            x[i][1] = c.y()[i];     // the label itself: perfect separation
        }
        ClinicalSelection.Result r = ClinicalSelection.select(x, new String[] {"age", "leak"}, c.y());
        assertInstanceOf(LogisticFit.Failed.class, r.univariable().get("leak"));
        assertEquals(List.of("age"), r.univariableSignificant());
        assertEquals(List.of("age"), r.signatureVars());
    }

    @Test
    void badInputIsExplained() {
        var rows = assertThrows(IllegalArgumentException.class,
                () -> ClinicalSelection.select(new double[][] {{1}, {2}}, new String[] {"a"}, new int[] {0, 1, 1}));
        assertTrue(rows.getMessage().contains("2 rows"), rows.getMessage());
        var none = assertThrows(IllegalArgumentException.class,
                () -> ClinicalSelection.select(new double[][] {{}}, new String[] {}, new int[] {0}));
        assertTrue(none.getMessage().contains("no clinical variables"), none.getMessage());
    }
}
