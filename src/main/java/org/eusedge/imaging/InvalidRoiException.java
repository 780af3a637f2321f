package org.eusedge.imaging;

import java.util.Objects;

/** An ROI that cannot be scored; {@link #rule()} says which check failed, the message says what to do. */
public class InvalidRoiException extends IllegalArgumentException {

    /** The checks of {@link RoiValidator}. */
    public enum Rule {
        TOO_FEW_VERTICES, NOT_FINITE, SELF_INTERSECTING, TOO_SMALL, OUTSIDE_FRAME, EMPTY_MASK, MASK_SIZE_MISMATCH
    }

    private final Rule rule;

    public InvalidRoiException(Rule rule, String detail) {
        super("invalid ROI (" + Objects.requireNonNull(rule, "rule") + "): " + detail);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
