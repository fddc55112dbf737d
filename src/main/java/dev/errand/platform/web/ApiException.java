package dev.errand.platform.web;

/** A client error with its status and message, answered as a problem document. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String field;

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

    public Problem problem() {
        return Problem.of(status, getMessage()).withField(field);
    }
}
