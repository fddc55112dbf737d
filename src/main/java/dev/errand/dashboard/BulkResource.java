package dev.errand.dashboard;

import dev.errand.job.JobState;
import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.RequestBodies;
import dev.errand.platform.web.Violations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/jobs/bulk {"action": "requeue"|"delete", "ids": [...]}} or {@code {"action", "state": "FAILED"}}
 * (every failed job) → {@code {"action", "changed", "skipped"}}. Jobs that are not eligible (unknown ids, a
 * requeue of an unfinished job) are skipped and counted, not an error.
 */
@Path("jobs/bulk")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class BulkResource {

    static final int MAX_IDS = 1000;

    @Inject
    BulkActions bulk;

    @Inject
    Validator validator;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> apply(InputStream body) {
        BulkRequest request = Violations.check(validator,
                RequestBodies.read(body, RequestBodies.MAX_BODY, BulkRequest.class));
        if ((request.ids() == null) == (request.state() == null)) {
            throw ApiException.unprocessable("give either ids or state", "ids");
        }
        String by = security.getUserPrincipal().getName();
        BulkActions.Outcome outcome = request.ids() != null
                ? bulk.apply(request.verb(), List.copyOf(new LinkedHashSet<>(request.ids())), by)
                : bulk.applyToState(request.verb(), JobState.FAILED, by);
        return Map.of("action", request.action(), "changed", outcome.changed(), "skipped", outcome.skipped());
    }
}
