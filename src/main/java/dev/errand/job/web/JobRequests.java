package dev.errand.job.web;

import dev.errand.job.NewJob;
import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.RequestBodies;
import dev.errand.platform.web.Violations;
import dev.errand.job.engine.Timeouts;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Turns the bodies of {@code POST /api/jobs} and {@code /api/jobs/batch} into jobs, naming the field of any error. */
final class JobRequests {

    private static final int MAX_ARGS = 64 * 1024;
    private static final Duration TEN_YEARS = Duration.ofDays(3650);
    /** A runAt a little in the past (a client's clock, a retried request) means "now"; long ago is a mistake. */
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private JobRequests() {
    }

    static NewJob one(InputStream body, Validator validator, String idempotencyKey, String submittedBy) {
        JobRequest request = Violations.check(validator,
                RequestBodies.read(body, RequestBodies.MAX_BODY, JobRequest.class));
        return job(request, "", idempotencyKey, submittedBy);
    }

    static List<NewJob> batch(InputStream body, int limit, Validator validator, String submittedBy) {
        List<JobRequest> requests = RequestBodies.readArray(body, limit, JobRequest.class);
        if (requests.isEmpty()) {
            throw ApiException.unprocessable("the batch is empty", "body");
        }
        Violations.checkEach(validator, requests);
        List<NewJob> jobs = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            jobs.add(job(requests.get(i), "[" + i + "].", null, submittedBy));
        }
        return jobs;
    }

    /** One job of a larger body ({@code POST /api/batches}); {@code at} prefixes the field of any error. */
    static NewJob of(JobRequest request, String at, String submittedBy) {
        return job(request, at, null, submittedBy);
    }

    private static NewJob job(JobRequest request, String at, String idempotencyKey, String submittedBy) {
        String args = null;
        if (request.args() != null) {
            args = request.args().toString();
            if (args.length() > MAX_ARGS) {
                throw ApiException.unprocessable("args are larger than 64 KiB", at + "args");
            }
        }
        return new NewJob(request.type(), args, request.queue(), runAt(request, at), request.maxAttempts(),
                idempotencyKey, submittedBy, timeout(request.timeout(), at), request.priority(),
                after(request.after(), at),
                Boolean.TRUE.equals(request.afterAny()));
    }

    /** {@code "after": [12, 13]}: the parents of a continuation (docs/workflows.md). */
    private static List<Long> after(JsonValue value, String at) {
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        if (value instanceof jakarta.json.JsonArray array) {
            for (JsonValue id : array) {
                if (!(id instanceof JsonNumber number) || !number.isIntegral() || number.bigIntegerValue().bitLength() > 62) {
                    throw ApiException.unprocessable("after must be an array of job ids, not " + value, at + "after");
                }
                ids.add(number.longValue());
            }
            return ids;
        }
        throw ApiException.unprocessable("after must be an array of job ids, not " + value, at + "after");
    }

    /** {@code "PT30S"}, {@code "30"} or {@code 30}; the range is JobSubmitter's (Timeouts), as for Java callers. */
    private static Duration timeout(JsonValue value, String at) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        Duration timeout = null;
        if (value instanceof JsonNumber number && number.isIntegral()) {
            timeout = number.bigIntegerValue().bitLength() < 40 ? Duration.ofSeconds(number.longValue()) : null;
        } else if (value instanceof JsonString text) {
            timeout = Timeouts.parse(text.getString());
        }
        if (timeout == null) {
            throw ApiException.unprocessable("timeout must be " + Timeouts.RULE + ", not " + value, at + "timeout");
        }
        return timeout;
    }

    private static Instant runAt(JobRequest request, String at) {
        String delay = request.delay();
        String runAt = request.runAt();
        if (delay != null && runAt != null) {
            throw ApiException.unprocessable("give either delay or runAt, not both", at + "delay");
        }
        if (delay != null) {
            Duration duration;
            try {
                duration = Duration.parse(delay);
            } catch (DateTimeParseException e) {
                throw ApiException.unprocessable("delay must be an ISO-8601 duration such as PT30S or P1D, not '"
                        + delay + "'", at + "delay");
            }
            if (duration.isNegative()) {
                throw ApiException.unprocessable("delay must not be negative", at + "delay");
            }
            if (duration.compareTo(TEN_YEARS) > 0) {
                throw ApiException.unprocessable("delay must be at most ten years", at + "delay");
            }
            return Instant.now().plus(duration);
        }
        if (runAt != null) {
            Instant instant;
            try {
                instant = Instant.parse(runAt);
            } catch (DateTimeParseException e) {
                throw ApiException.unprocessable("runAt must be an ISO-8601 instant such as 2030-01-01T02:00:00Z, not '"
                        + runAt + "'", at + "runAt");
            }
            Instant now = Instant.now();
            if (instant.isBefore(now.minus(ONE_DAY)) || instant.isAfter(now.plus(TEN_YEARS))) {
                throw ApiException.unprocessable("runAt must be between a day ago and ten years ahead, not '"
                        + runAt + "'", at + "runAt");
            }
            return instant;
        }
        return null;
    }
}
