package dev.errand.dashboard;

import dev.errand.job.JobState;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/jobs/bulk {"action": "requeue"|"delete", "ids": [...]}} or {@code {"action", "state": "FAILED"}}
 * (every failed job) → {@code {"action", "changed", "skipped"}}. Jobs that are not eligible (unknown ids, a
 * requeue of an unfinished job) are skipped and counted, not an error.
 */
@Path("jobs/bulk")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class BulkResource {

    static final int MAX_IDS = 1000;
    private static final Set<String> FIELDS = Set.of("action", "ids", "state");

    @Inject
    BulkActions bulk;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> apply(InputStream body) {
        JsonStructure json = RequestBodies.readJson(body, RequestBodies.MAX_BODY);
        if (!(json instanceof JsonObject request)) {
            throw ApiException.unprocessable("the body must be a JSON object", "body");
        }
        for (String name : request.keySet()) {
            if (!FIELDS.contains(name)) {
                throw ApiException.unprocessable("unknown field '" + name + "'; expected one of " + FIELDS, name);
            }
        }
        BulkActions.Action action = action(request.get("action"));
        boolean hasIds = request.containsKey("ids") && request.get("ids") != JsonValue.NULL;
        boolean hasState = request.containsKey("state") && request.get("state") != JsonValue.NULL;
        if (hasIds == hasState) {
            throw ApiException.unprocessable("give either ids or state", "ids");
        }
        String by = security.getUserPrincipal().getName();
        BulkActions.Outcome outcome = hasIds
                ? bulk.apply(action, ids(request.get("ids")), by)
                : bulk.applyToState(action, state(request.get("state")), by);
        return Map.of("action", action.name().toLowerCase(), "changed", outcome.changed(), "skipped", outcome.skipped());
    }

    private static BulkActions.Action action(JsonValue value) {
        if (value instanceof JsonString text) {
            switch (text.getString()) {
                case "requeue":
                    return BulkActions.Action.REQUEUE;
                case "delete":
                    return BulkActions.Action.DELETE;
                default:
                    break;
            }
        }
        throw ApiException.unprocessable("action must be \"requeue\" or \"delete\"", "action");
    }

    private static List<Long> ids(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()) {
            throw ApiException.unprocessable("ids must be a non-empty array of job ids", "ids");
        }
        if (value.asJsonArray().size() > MAX_IDS) {
            throw ApiException.unprocessable("at most " + MAX_IDS + " ids at once; use state for all failed jobs", "ids");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonValue id : value.asJsonArray()) {
            if (!(id instanceof JsonNumber number) || !number.isIntegral() || number.bigIntegerValue().signum() <= 0
                    || number.bigIntegerValue().bitLength() > 63) {
                throw ApiException.unprocessable("every id must be a positive whole number", "ids");
            }
            ids.add(number.longValue());
        }
        return new ArrayList<>(ids);
    }

    private static JobState state(JsonValue value) {
        if (value instanceof JsonString text && text.getString().equalsIgnoreCase("FAILED")) {
            return JobState.FAILED;
        }
        throw ApiException.unprocessable("state must be \"FAILED\" (bulk actions by state apply to failed jobs)", "state");
    }
}
