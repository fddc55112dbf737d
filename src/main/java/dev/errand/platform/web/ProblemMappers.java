package dev.errand.platform.web;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error of the REST API leaves as {@code application/problem+json}; the job engine maps its own exceptions
 * (dev.errand.job.web.JobProblemMappers).
 */
public final class ProblemMappers {

    private ProblemMappers() {
    }

    @Provider
    public static class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return e.toResponse();
        }
    }

    /** Bean Validation of a request body, checked by {@link Violations} or a {@code @Valid} parameter. */
    @Provider
    public static class Invalid implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            return Violations.problem(e).toResponse();
        }
    }

    /** 404, 405, 406, 415 and the like, raised by the JAX-RS runtime itself. */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original != null ? original.getStatus() : 500;
            if (status >= 500) {
                return Unexpected.answer(e);
            }
            Response.ResponseBuilder answer = Response.fromResponse(Problem.of(status, describe(status)).toResponse());
            if (original != null && original.getHeaderString("Allow") != null) {
                answer.header("Allow", original.getHeaderString("Allow"));
            }
            return answer.build();
        }

        private static String describe(int status) {
            return switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed on this resource";
                case 406 -> "cannot produce a representation acceptable to the client";
                case 415 -> "send a JSON body with Content-Type: application/json";
                default -> "the request was refused";
            };
        }
    }

    /**
     * The last resort: the client learns only an incident id; the log has the details. A broker or pool that cannot be
     * reached is no incident but a 503 ({@link Unavailable}).
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

        @Override
        public Response toResponse(Throwable e) {
            return answer(e);
        }

        static Response answer(Throwable e) {
            Optional<Throwable> unavailable = Unavailable.causeOf(e);
            if (unavailable.isPresent()) {
                return Unavailable.answer(unavailable.get());
            }
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Request failed, incident " + incident, e);
            return Problem.of(500, "unexpected error; incident " + incident + " in the server log").toResponse();
        }
    }
}
