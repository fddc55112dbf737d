package dev.errand.job.web;

import dev.errand.job.InvalidScheduleException;
import dev.errand.job.recurring.RecurringJobEntity;
import dev.errand.job.recurring.RecurringJobs;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobViews;
import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;

/** {@code /api/recurring-jobs}: define (PUT), list, inspect, delete and trigger recurring jobs. Admin only. */
@Path("recurring-jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class RecurringJobsResource {

    /** The body of a PUT; {@link RecurringJobs#define} checks the type, the cron expression and the zone. */
    public record Definition(String type, JsonObject args, String cron, String timeZone) {
    }

    @Inject
    RecurringJobs recurring;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @GET
    public List<RecurringJobView> list() {
        return recurring.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public RecurringJobView get(@PathParam("id") String id) {
        return view(recurring.find(id).orElseThrow(() -> notFound(id)));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response define(@PathParam("id") String id, InputStream body) {
        Definition definition = RequestBodies.read(body, RequestBodies.MAX_BODY, Definition.class);
        RecurringJobs.Defined defined;
        try {
            defined = recurring.define(id, definition.type(), definition.args() == null ? null : definition.args().toString(),
                    definition.cron(), definition.timeZone());
        } catch (InvalidScheduleException e) {
            throw ApiException.badRequest(e.getMessage(), e.field());
        }
        RecurringJobView view = view(defined.job());
        return defined.created()
                ? Response.created(uri.getBaseUriBuilder().path("recurring-jobs").path(id).build()).entity(view).build()
                : Response.ok(view).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("id") String id) {
        if (!recurring.remove(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/trigger")
    @RolesAllowed("operator")
    public Response trigger(@PathParam("id") String id) {
        JobEntity job = recurring.trigger(id, security.getUserPrincipal().getName()).orElseThrow(() -> notFound(id));
        return Response.created(uri.getBaseUriBuilder().path("jobs").path(String.valueOf(job.id())).build())
                .entity(JobViews.of(job, null)).build();
    }

    private RecurringJobView view(RecurringJobEntity job) {
        return RecurringJobView.of(job, recurring.nextRun(job).orElse(null));
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "no recurring job '" + id + "'");
    }
}
