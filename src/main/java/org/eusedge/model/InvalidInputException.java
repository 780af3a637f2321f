package org.eusedge.model;

/** Operator or file input that cannot be scored; the message names the field, the value and what is expected. */
public class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }
}
