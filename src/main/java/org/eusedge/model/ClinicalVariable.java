package org.eusedge.model;

/**
 * One clinical input of the model, in raw units. A binary variable is coded 0/1 (its {@code meaning} says what 1 is);
 * a continuous one must lie in [min, max], the range of plausible values (an age of -3 is refused, not scored).
 */
public record ClinicalVariable(String name, Kind kind, double min, double max, String unit, String meaning) {

    public enum Kind { CONTINUOUS, BINARY }

    public ClinicalVariable {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("clinical variable needs a name");
        if (kind == Kind.BINARY) {
            min = 0;
            max = 1;
        }
        if (!(min <= max)) throw new IllegalArgumentException("variable " + name + ": min " + min + " > max " + max);
    }

    public static ClinicalVariable continuous(String name, double min, double max, String unit, String meaning) {
        return new ClinicalVariable(name, Kind.CONTINUOUS, min, max, unit, meaning);
    }

    public static ClinicalVariable binary(String name, String meaning) {
        return new ClinicalVariable(name, Kind.BINARY, 0, 1, "", meaning);
    }

    /** Checks one operator-entered value; the message says what is wrong and what is expected. */
    public double check(double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("clinical value '" + name + "' is not a number: " + value);
        }
        if (kind == Kind.BINARY && value != 0 && value != 1) {
            throw new InvalidInputException("clinical value '" + name + "' must be 0 or 1 (1 = " + meaning + "), got " + value);
        }
        if (value < min || value > max) {
            throw new InvalidInputException("clinical value '" + name + "' = " + value + " is impossible: expected "
                    + min + " to " + max + (unit.isEmpty() ? "" : " " + unit));
        }
        return value;
    }
}
