package org.eusedge.model;

/** A model bundle that must not be used: missing or tampered file, or a backbone that does not match the pipeline. */
public class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
