package dev.errand.job.web;

import dev.errand.job.NewJob;
import dev.errand.platform.web.ApiException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the JSON of {@code POST /api/jobs} and {@code /api/jobs/batch}, naming the field of any error. */
final class JobRequests {

    private static final Set<String> FIELDS = Set.of("type", "args", "queue", "delay", "runAt", "maxAttempts", "after");
    private static final int MAX_ARGS = 64 * 1024;

    private JobRequests() {
    }

    static NewJob one(JsonStructure json, String idempotencyKey, String submittedBy) {
        if (!(json instanceof JsonObject object)) {
            throw ApiException.unprocessable("the body must be a JSON object", "body");
        }
        return parse(object, "", idempotencyKey, submittedBy);
    }

    static List<NewJob> batch(JsonStructure json, String submittedBy) {
        if (json.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.unprocessable("the body must be a JSON array of jobs", "body");
        }
        var array = json.asJsonArray();
        if (array.isEmpty()) {
            throw ApiException.unprocessable("the batch is empty", "body");
        }
        List<NewJob> jobs = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject object)) {
                throw ApiException.unprocessable("every batch element must be a JSON object", "[" + i + "]");
            }
            jobs.add(parse(object, "[" + i + "].", null, submittedBy));
        }
        return jobs;
    }

    private static NewJob parse(JsonObject json, String at, String idempotencyKey, String submittedBy) {
        for (String name : json.keySet()) {
            if (!FIELDS.contains(name)) {
                throw ApiException.unprocessable("unknown field '" + name + "'; expected one of " + FIELDS, at + name);
            }
        }
        String type = string(json, "type", at);
        if (type == null || type.isBlank()) {
            throw ApiException.unprocessable("type is required", at + "type");
        }
        String args = null;
        JsonValue argsValue = json.get("args");
        if (argsValue != null && argsValue != JsonValue.NULL) {
            if (argsValue.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.unprocessable("args must be a JSON object", at + "args");
            }
            args = argsValue.toString();
            if (args.length() > MAX_ARGS) {
                throw ApiException.unprocessable("args are larger than 64 KiB", at + "args");
            }
        }
        if (json.containsKey("after") && json.get("after") != JsonValue.NULL) {
            throw ApiException.unprocessable("continuations ('after') are not supported by this server yet", at + "after");
        }
        Instant runAt = runAt(json, at);
        Integer maxAttempts = null;
        JsonValue attempts = json.get("maxAttempts");
        if (attempts != null && attempts != JsonValue.NULL) {
            if (!(attempts instanceof JsonNumber number) || !number.isIntegral()) {
                throw ApiException.unprocessable("maxAttempts must be a whole number", at + "maxAttempts");
            }
            maxAttempts = number.bigIntegerValue().max(java.math.BigInteger.ZERO)
                    .min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
        }
        return new NewJob(type, args, string(json, "queue", at), runAt, maxAttempts, idempotencyKey, submittedBy);
    }

    private static Instant runAt(JsonObject json, String at) {
        String delay = string(json, "delay", at);
        String runAt = string(json, "runAt", at);
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
            if (duration.compareTo(Duration.ofDays(3650)) > 0) {
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
            if (instant.isAfter(Instant.now().plus(Duration.ofDays(3650)))) {
                throw ApiException.unprocessable("runAt must be at most ten years ahead", at + "runAt");
            }
            return instant;
        }
        return null;
    }

    private static String string(JsonObject json, String name, String at) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw ApiException.unprocessable(name + " must be a string", at + name);
        }
        return text.getString();
    }
}
