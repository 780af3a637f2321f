package org.eusedge.model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClinicalSchemaTest {
    private final ClinicalSchema schema = ClinicalSchema.pancreas();
    private final List<String> required = List.of("age", "diameter", "margin_unclear");

    @Test
    void returnsRequiredValuesInOrder() {
        Map<String, Object> in = Map.of("margin_unclear", 1, "age", "52.5", "diameter", 24.0, "gender", true);
        assertArrayEquals(new double[] {52.5, 24.0, 1}, schema.values(in, required), 0);
    }

    @Test
    void impossibleAgeIsRefusedWithTheRange() {
        var e = assertThrows(InvalidInputException.class,
                () -> schema.values(Map.of("age", -3, "diameter", 20, "margin_unclear", 0), required));
        assertTrue(e.getMessage().contains("'age' = -3.0 is impossible") && e.getMessage().contains("0.0 to 120.0 years"), e.getMessage());
    }

    @Test
    void binaryMustBeZeroOrOne() {
        var e = assertThrows(InvalidInputException.class,
                () -> schema.values(Map.of("age", 50, "diameter", 20, "margin_unclear", 2), required));
        assertTrue(e.getMessage().contains("must be 0 or 1"), e.getMessage());
    }

    @Test
    void missingFieldIsNamed() {
        Map<String, Object> in = new HashMap<>(Map.of("age", 50, "margin_unclear", 0));
        in.put("diameter", null);
        var e = assertThrows(InvalidInputException.class, () -> schema.values(in, required));
        assertTrue(e.getMessage().contains("missing clinical field(s) [diameter]"), e.getMessage());
    }

    @Test
    void unknownFieldIsRefused() {
        var e = assertThrows(InvalidInputException.class,
                () -> schema.values(Map.of("age", 50, "diameter", 20, "margin_unclear", 0, "diamter", 3), required));
        assertTrue(e.getMessage().contains("unknown clinical field(s) [diamter]"), e.getMessage());
    }

    @Test
    void textThatIsNotANumberIsRefused() {
        var e = assertThrows(InvalidInputException.class,
                () -> schema.values(Map.of("age", "fifty", "diameter", 20, "margin_unclear", 0), required));
        assertTrue(e.getMessage().contains("'age' is not a number"), e.getMessage());
    }
}
