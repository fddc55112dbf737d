package dev.errand.platform.security;

import dev.errand.platform.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A login refused by {@link LoginThrottle} before its password was checked: 429 with {@code Retry-After}. */
public class TooManyFailedLogins extends RuntimeException {

    static final String DETAIL = "too many failed logins; try again after the seconds in Retry-After";

    private final long retryAfterSeconds;

    public TooManyFailedLogins(long retryAfterSeconds) {
        super(DETAIL);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Provider
    public static class Mapper implements ExceptionMapper<TooManyFailedLogins> {
        @Override
        public Response toResponse(TooManyFailedLogins e) {
            return Response.fromResponse(Problem.of(429, DETAIL).toResponse())
                    .header("Retry-After", e.retryAfterSeconds()).build();
        }
    }
}
