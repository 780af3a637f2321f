package org.eusedge.web;

/** A request the API refuses: the HTTP status and a message that says what was wrong and what to send instead. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }
}
