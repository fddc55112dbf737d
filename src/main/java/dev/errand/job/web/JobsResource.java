package dev.errand.job.web;

import dev.errand.job.JobState;
import dev.errand.job.JobView;
import dev.errand.job.NewJob;
import dev.errand.job.engine.GroupCommit;
import dev.errand.job.engine.HandlerRegistry;
import dev.errand.job.engine.JobLifecycle;
import dev.errand.job.engine.JobNotFoundException;
import dev.errand.job.engine.JobSubmitter;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobJournal;
import dev.errand.job.store.JobViews;
import dev.errand.job.store.JobStore;
import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** {@code /api/jobs}: submit, inspect, list, requeue and delete jobs. Submitters see only their own jobs. */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"viewer", "submitter"})
public class JobsResource {

    private static final int MAX_BATCH_BODY = 4 * 1024 * 1024;

    @Inject
    JobSubmitter submitter;

    @Inject
    GroupCommit groupCommit;

    @Inject
    JobLifecycle lifecycle;

    @Inject
    JobStore store;

    @Inject
    JobJournal journal;

    @Inject
    Validator validator;

    @Inject
    HandlerRegistry registry;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "submitter"})
    public Response submit(InputStream body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        NewJob job = JobRequests.one(body, validator, idempotencyKey, principal());
        requirePermission(List.of(job));
        JobSubmitter.Submitted submitted = groupCommit.submit(job);
        JobView view = JobViews.of(submitted.job(), null);
        if (!submitted.created()) {
            return Response.ok(view).location(location(view.id())).build();
        }
        return Response.created(location(view.id())).entity(view).build();
    }

    @POST
    @Path("batch")
    @RolesAllowed({"admin", "submitter"})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitBatch(InputStream body) {
        List<NewJob> jobs = JobRequests.batch(body, MAX_BATCH_BODY, validator, principal());
        requirePermission(jobs);
        List<JobView> views = submitter.submit(jobs).stream().map(s -> JobViews.of(s.job(), null)).toList();
        return Response.status(Response.Status.CREATED).entity(Map.of("items", views)).build();
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") String id) {
        JobEntity job = visible(parseId(id));
        return JobViews.of(job, store.history(job.id()), journal.progress(job.id()).orElse(null), journal.log(job.id()));
    }

    @GET
    public Map<String, Object> list(@QueryParam("state") String state, @QueryParam("type") String type,
                                    @QueryParam("queue") String queue, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        JobStore.Filter filter = new JobStore.Filter(parseState(state), blankToNull(type), blankToNull(queue),
                seesAllJobs() ? null : principal());
        JobStore.Page page = store.list(filter, Paging.cursor(cursor), Paging.limit(limit, 50, 500));
        java.util.LinkedHashMap<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("items", page.items().stream().map(j -> JobViews.of(j, null)).toList());
        answer.put("next", page.next() == null ? null : String.valueOf(page.next()));
        return answer;
    }

    @POST
    @Path("{id}/requeue")
    @RolesAllowed("operator")
    public JobView requeue(@PathParam("id") String id) {
        JobEntity job = lifecycle.requeue(parseId(id), principal());
        return JobViews.of(job, null);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("operator")
    public JobView delete(@PathParam("id") String id) {
        JobEntity job = lifecycle.delete(parseId(id), principal());
        return JobViews.of(job, null);
    }

    private void requirePermission(List<NewJob> jobs) {
        SubmitPermissions.require(registry, security, jobs);
    }

    private JobEntity visible(long id) {
        JobEntity job = store.find(id).orElseThrow(() -> new JobNotFoundException(id));
        if (!seesAllJobs() && !principal().equals(job.submittedBy())) {
            throw new JobNotFoundException(id); // a submitter does not learn that other people's jobs exist
        }
        return job;
    }

    private java.net.URI location(long id) {
        return uri.getBaseUriBuilder().path("jobs").path(String.valueOf(id)).build();
    }

    private String principal() {
        return security.getUserPrincipal().getName();
    }

    /** Viewers (and so operators and admins) see every job; a submitter only its own. */
    private boolean seesAllJobs() {
        return security.isUserInRole("viewer");
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ApiException(404, "no job " + id);
        }
    }

    private static JobState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return JobState.valueOf(state.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state must be one of " + List.of(JobState.values()), "state");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
