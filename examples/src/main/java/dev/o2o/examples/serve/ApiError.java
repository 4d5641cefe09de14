package dev.o2o.examples.serve;

import java.util.Objects;

/**
 * A request the service answers with an error: the HTTP status and a stable code and message,
 * sent as {@code {"code": "...", "message": "..."}}. Messages never carry personal data.
 */
class ApiError extends RuntimeException {

    final int status;
    final String code;

    ApiError(int status, String code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
    }

    static ApiError badRequest(String field, String problem) {
        return new ApiError(400, "BAD_REQUEST", field + ": " + problem);
    }

    static ApiError notFound(String code, String message) {
        return new ApiError(404, code, message);
    }

    static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }
}
