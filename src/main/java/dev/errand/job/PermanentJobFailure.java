package dev.errand.job;

/**
 * Thrown by a handler when retrying cannot help (an invalid e-mail address, a record that no longer exists):
 * the job ends FAILED at once instead of spending its remaining attempts.
 */
public class PermanentJobFailure extends RuntimeException {

    public PermanentJobFailure(String message) {
        super(message);
    }

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
