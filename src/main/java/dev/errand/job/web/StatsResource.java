package dev.errand.job.web;

import dev.errand.job.JobState;
import dev.errand.job.engine.RunningJobs;
import dev.errand.job.recurring.RecurringJobs;
import dev.errand.job.store.JobStore;
import dev.errand.server.ServerRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/stats}: how many jobs are in each state, and how fast they finish. */
@Path("stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class StatsResource {

    @Inject
    JobStore store;

    @Inject
    RunningJobs running;

    @Inject
    RecurringJobs recurring;

    @Inject
    ServerRegistry registry;

    @GET
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        store.countByState().forEach((state, count) -> stats.put(state.name().toLowerCase(Locale.ROOT), count));
        OffsetDateTime minuteAgo = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        stats.put("succeededPerMinute", store.countFinishedSince(JobState.SUCCEEDED, minuteAgo));
        stats.put("failedPerMinute", store.countFinishedSince(JobState.FAILED, minuteAgo));
        stats.put("recurring", recurring.count());
        // the whole cluster: every live instance's heartbeat (the counts above come from the shared database)
        List<ServerRegistry.Server> servers = registry.live();
        stats.put("servers", servers.size());
        stats.put("workersBusy", servers.stream().mapToInt(ServerRegistry.Server::running).sum());
        stats.put("workersBusyHere", running.count());
        return stats;
    }
}
