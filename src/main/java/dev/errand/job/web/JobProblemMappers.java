package dev.errand.job.web;

import dev.errand.job.InvalidJobException;
import dev.errand.job.engine.JobConflictException;
import dev.errand.job.engine.JobNotFoundException;
import dev.errand.platform.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The job engine's exceptions as {@code application/problem+json}, wherever in the REST API they are thrown. */
public final class JobProblemMappers {

    private JobProblemMappers() {
    }

    @Provider
    public static class InvalidJob implements ExceptionMapper<InvalidJobException> {
        @Override
        public Response toResponse(InvalidJobException e) {
            return Problem.of(422, e.getMessage()).withField(e.field()).toResponse();
        }
    }

    @Provider
    public static class NotFound implements ExceptionMapper<JobNotFoundException> {
        @Override
        public Response toResponse(JobNotFoundException e) {
            return Problem.of(404, e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<JobConflictException> {
        @Override
        public Response toResponse(JobConflictException e) {
            return Problem.of(409, e.getMessage()).toResponse();
        }
    }
}
