package dev.errand.job.web;

import dev.errand.job.NewJob;
import dev.errand.job.engine.HandlerRegistry;
import dev.errand.job.engine.JobSubmitter;
import dev.errand.job.workflow.BatchStore;
import dev.errand.job.workflow.Batches;
import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.Paging;
import dev.errand.platform.web.RequestBodies;
import dev.errand.platform.web.Violations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/batches}: batches of jobs with callbacks (docs/workflows.md). Submitters see only their own. */
@Path("batches")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"viewer", "submitter"})
public class BatchesResource {

    private static final int MAX_BODY = 4 * 1024 * 1024;

    @Inject
    Batches batches;

    @Inject
    BatchStore store;

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
    public Response create(InputStream body) {
        BatchRequest request = RequestBodies.read(body, MAX_BODY, BatchRequest.class);
        if (request.jobs() == null || request.jobs().isEmpty()) {
            throw ApiException.unprocessable("a batch needs at least one job", "jobs");
        }
        if (request.jobs().size() > JobSubmitter.MAX_BATCH) {
            throw ApiException.unprocessable("at most " + JobSubmitter.MAX_BATCH + " jobs per batch", "jobs");
        }
        for (int i = 0; i < request.jobs().size(); i++) {
            if (request.jobs().get(i) == null) {
                throw ApiException.unprocessable("every job must be a JSON object", "jobs[" + i + "]");
            }
        }
        Violations.checkEach(validator, request.jobs());
        List<NewJob> jobs = new ArrayList<>(request.jobs().size());
        for (int i = 0; i < request.jobs().size(); i++) {
            jobs.add(JobRequests.of(request.jobs().get(i), "jobs[" + i + "].", principal()));
        }
        NewJob onSuccess = callback(request.onSuccess(), "onSuccess.");
        NewJob onComplete = callback(request.onComplete(), "onComplete.");
        List<NewJob> all = new ArrayList<>(jobs);
        if (onSuccess != null) {
            all.add(onSuccess);
        }
        if (onComplete != null) {
            all.add(onComplete);
        }
        SubmitPermissions.require(registry, security, all);
        Batches.Created created = batches.create(jobs, onSuccess, onComplete, principal());
        return Response.created(uri.getBaseUriBuilder().path("batches").path(String.valueOf(created.id())).build())
                .entity(view(store.find(created.id()).orElseThrow())).build();
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        BatchStore.Batch batch = store.find(parseId(id)).filter(this::visible)
                .orElseThrow(() -> new ApiException(404, "no batch " + id));
        return view(batch);
    }

    @GET
    public Map<String, Object> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int max = Paging.limit(limit, 50, 500);
        List<BatchStore.Batch> page = store.list(Paging.cursor(cursor), max,
                security.isUserInRole("viewer") ? null : principal());
        Map<Long, Map<String, Long>> counts = store.counts(page.stream().map(BatchStore.Batch::id).toList());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.stream().map(b -> view(b, counts.get(b.id()))).toList());
        answer.put("next", page.size() < max ? null : String.valueOf(page.get(page.size() - 1).id()));
        return answer;
    }

    private NewJob callback(JobRequest request, String at) {
        if (request == null) {
            return null;
        }
        Violations.checkEach(validator, List.of(request));
        return JobRequests.of(request, at, principal());
    }

    private Map<String, Object> view(BatchStore.Batch batch) {
        return view(batch, store.counts(List.of(batch.id())).get(batch.id()));
    }

    private static Map<String, Object> view(BatchStore.Batch b, Map<String, Long> counts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", b.id());
        view.put("state", b.state());
        view.put("total", b.total());
        view.put("counts", counts);
        view.put("createdAt", b.createdAt().toInstant().toString());
        view.put("completedAt", b.completedAt() == null ? null : b.completedAt().toInstant().toString());
        view.put("submittedBy", b.submittedBy());
        view.put("onSuccessJob", b.onSuccessJob());
        view.put("onCompleteJob", b.onCompleteJob());
        return view;
    }

    private boolean visible(BatchStore.Batch batch) {
        return security.isUserInRole("viewer") || principal().equals(batch.submittedBy());
    }

    private String principal() {
        return security.getUserPrincipal().getName();
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ApiException(404, "no batch " + id);
        }
    }
}
