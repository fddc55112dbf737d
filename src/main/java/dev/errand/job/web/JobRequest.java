package dev.errand.job.web;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;

/**
 * One job as a client submits it ({@code POST /api/jobs}, an element of {@code /api/jobs/batch}). {@code args} stay
 * JSON: the handler's own argument type binds them ({@code JobArguments}). {@code timeout} is an ISO-8601 duration
 * or a number of seconds, so it stays a JSON value until {@code JobRequests} reads it. {@code delay} and {@code runAt} stay
 * text so that a refusal can quote what was sent.
 */
public record JobRequest(
        @NotBlank(message = "type is required") String type,
        JsonObject args,
        String queue,
        String delay,
        String runAt,
        Integer maxAttempts,
        JsonValue timeout,
        JsonValue after,
        Boolean afterAny,
        Integer priority) {
}
