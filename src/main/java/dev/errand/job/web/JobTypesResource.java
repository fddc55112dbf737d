package dev.errand.job.web;

import dev.errand.job.engine.HandlerRegistry;
import dev.errand.job.engine.JobTypeControl;
import dev.errand.job.engine.Timeouts;
import dev.errand.job.store.JobTypeStore;
import dev.errand.job.store.JobTypeStore.Settings;
import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /api/job-types}: every registered type with its settings and its jobs per state; an admin sets a type's
 * concurrency, rate, timeout and maxAttempts (docs/run-control.md "Limits per job type").
 */
@Path("job-types")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class JobTypesResource {

    private static final int CHANGES = 50;
    private static final Pattern RATE = Pattern.compile("([0-9]{1,9})/(\\S+)");
    private static final Set<String> MEMBERS = Set.of("concurrency", "rate", "timeout", "maxAttempts");
    private static final int MAX_ATTEMPTS_LIMIT = 100; // as for a submission (JobSubmitter)

    /** One change of a type's settings. */
    public record ChangeView(Instant at, String by, String server, String settings) {
    }

    /**
     * @param concurrency at most this many PROCESSING on all nodes; {@code null}: no limit
     * @param rate        at most N starts per period, {@code "10/PT1M"}; {@code null}: no limit
     * @param timeout     an attempt's limit (ISO-8601); the set one, else {@code @JobType(timeout)}, else null
     * @param maxAttempts for jobs submitted from now on; the set one, else {@code @JobType(maxAttempts)}
     * @param mutex       the args member whose value is a job's mutex key ({@code @JobType(mutex)}); null: none
     * @param defaults    what {@code @JobType} says: {@code timeout}, {@code maxAttempts}
     * @param counts      the type's jobs per state (states with none are left out)
     * @param changes     its latest changes, newest first; only for a single type
     */
    public record TypeView(String type, Integer concurrency, String rate, String timeout, int maxAttempts,
                           String mutex, Map<String, Object> defaults, Map<String, Long> counts, Instant changedAt,
                           String changedBy, List<ChangeView> changes) {
    }

    /** What a PUT answers: the type, and how many held jobs a raised limit sent again. */
    public record ChangedView(TypeView jobType, int released) {
    }

    @Inject
    HandlerRegistry registry;

    @Inject
    JobTypeStore store;

    @Inject
    JobTypeControl control;

    @Context
    SecurityContext security;

    @GET
    public List<TypeView> list() {
        Map<String, Settings> settings = store.all();
        Map<String, Map<String, Long>> counts = store.counts();
        return registry.all().values().stream().sorted((a, b) -> a.type().compareTo(b.type()))
                .map(r -> view(r, settings.get(r.type()), counts.getOrDefault(r.type(), Map.of()), null)).toList();
    }

    @GET
    @Path("{type}")
    public TypeView get(@PathParam("type") String type) {
        HandlerRegistry.Registration registration = registered(type);
        List<ChangeView> changes = store.changes(type, CHANGES).stream()
                .map(c -> new ChangeView(c.at().toInstant(), c.by(), c.server(), c.settings())).toList();
        return view(registration, store.find(type).orElse(null), store.counts().getOrDefault(type, Map.of()), changes);
    }

    /** Replaces the type's settings; a member left out or null is the default (no limit, @JobType's value). */
    @PUT
    @Path("{type}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangedView put(@PathParam("type") String type, InputStream body) {
        registered(type);
        JsonStructure json = RequestBodies.readJson(body, RequestBodies.MAX_BODY);
        if (!(json instanceof JsonObject object)) {
            throw ApiException.badRequest("the body must be a JSON object", null);
        }
        for (String member : object.keySet()) {
            if (!MEMBERS.contains(member)) {
                throw ApiException.unprocessable("unknown member '" + member + "'; known: " + MEMBERS, member);
            }
        }
        Integer concurrency = whole(object, "concurrency", 1, JobTypeControl.MAX_LIMIT);
        Integer maxAttempts = whole(object, "maxAttempts", 1, MAX_ATTEMPTS_LIMIT);
        Duration timeout = timeout(object);
        Integer rateLimit = null;
        Duration period = null;
        String rate = text(object, "rate");
        if (rate != null) {
            Matcher m = RATE.matcher(rate.trim());
            period = m.matches() ? Timeouts.parse(m.group(2)) : null;
            rateLimit = m.matches() ? Integer.valueOf(m.group(1)) : null;
            if (period == null || rateLimit < 1 || rateLimit > JobTypeControl.MAX_LIMIT
                    || period.compareTo(JobTypeControl.MIN_PERIOD) < 0 || period.compareTo(JobTypeControl.MAX_PERIOD) > 0) {
                throw ApiException.unprocessable("rate must be N/period, N 1-" + JobTypeControl.MAX_LIMIT
                        + " and the period an ISO-8601 duration between PT1S and P1D (\"10/PT1M\"), not " + rate, "rate");
            }
        }
        Settings wanted = new Settings(type, concurrency, rateLimit, period == null ? null : period.toMillis(),
                timeout == null ? null : timeout.toMillis(), maxAttempts, control.now(),
                security.getUserPrincipal().getName());
        String described = "concurrency=" + concurrency + ", rate=" + rateText(wanted) + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts;
        int released = control.change(wanted, described);
        return new ChangedView(get(type), released);
    }

    private HandlerRegistry.Registration registered(String type) {
        return registry.find(type).orElseThrow(() -> new ApiException(404, "no job type '" + type + "'"));
    }

    private static TypeView view(HandlerRegistry.Registration r, Settings s, Map<String, Long> counts,
                                 List<ChangeView> changes) {
        Duration timeout = s != null && s.timeoutMs() != null ? Duration.ofMillis(s.timeoutMs()) : r.timeout();
        int maxAttempts = s != null && s.maxAttempts() != null ? s.maxAttempts() : r.maxAttempts();
        Map<String, Object> defaults = new java.util.LinkedHashMap<>();
        defaults.put("timeout", r.timeout() == null ? null : r.timeout().toString());
        defaults.put("maxAttempts", r.maxAttempts());
        return new TypeView(r.type(), s == null ? null : s.concurrency(), s == null ? null : rateText(s),
                timeout == null ? null : timeout.toString(), maxAttempts, r.mutex(), defaults, counts,
                s == null ? null : s.updatedAt().toInstant(), s == null ? null : s.updatedBy(), changes);
    }

    private static String rateText(Settings s) {
        return s.rateLimit() == null ? null : s.rateLimit() + "/" + Duration.ofMillis(s.ratePeriodMs());
    }

    private static Integer whole(JsonObject object, String name, int min, int max) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.longValue() < min || number.longValue() > max) {
            throw ApiException.unprocessable(name + " must be a whole number between " + min + " and " + max
                    + ", or null for the default", name);
        }
        return number.intValue();
    }

    private static Duration timeout(JsonObject object) {
        JsonValue value = object.get("timeout");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Duration timeout = value instanceof JsonString s ? Timeouts.parse(s.getString())
                : value instanceof JsonNumber n ? Timeouts.parse(n.toString()) : null;
        if (timeout == null || !Timeouts.inRange(timeout)) {
            throw ApiException.unprocessable("timeout must be " + Timeouts.RULE + ", or null for the default", "timeout");
        }
        return timeout;
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw ApiException.unprocessable(name + " must be a string such as \"10/PT1M\", or null", name);
        }
        return s.getString();
    }
}
