package org.eusedge.training.selection;

/** Thrown when no deep feature passes the Mann-Whitney screen, so there is nothing to build a model on. */
public final class NoFeatureSelectedException extends IllegalStateException {
    public NoFeatureSelectedException(String message) {
        super(message);
    }
}
