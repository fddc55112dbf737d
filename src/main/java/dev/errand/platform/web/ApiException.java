package dev.errand.platform.web;

import jakarta.ws.rs.core.Response;

/** A client error with its status and message, answered as a problem document. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String field;
    private Integer retryAfterSeconds;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String message, String field) {
        return new ApiException(400, message, field);
    }

    public static ApiException unprocessable(String message, String field) {
        return new ApiException(422, message, field);
    }

    /** Tells the client when to try again ({@code Retry-After}), for a refusal that passes, such as 503. */
    public ApiException retryAfter(int seconds) {
        retryAfterSeconds = seconds;
        return this;
    }

    public Response toResponse() {
        Response answer = problem().toResponse();
        return retryAfterSeconds == null ? answer
                : Response.fromResponse(answer).header("Retry-After", retryAfterSeconds).build();
    }

    public Problem problem() {
        return Problem.of(status, getMessage()).withField(field);
    }
}
