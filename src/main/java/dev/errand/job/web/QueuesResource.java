package dev.errand.job.web;

import dev.errand.job.engine.QueueControl;
import dev.errand.job.store.QueueStore;
import dev.errand.server.ServerRegistry;
import dev.errand.platform.web.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code /api/queues}: each queue's depth, running count, paused flag and consuming servers; pause and resume
 * (docs/run-control.md).
 */
@Path("queues")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class QueuesResource {

    private static final int EVENTS = 50;

    /**
     * A server instance as {@code /api/servers} names it, with the workers it gives the queue: its share of
     * {@code ERRAND_QUEUES}, the queue's own or that of {@code *} (docs/run-control.md, "Worker shares").
     */
    public record ServerRef(String id, String node, int workers) {
    }

    /** One pause or resume of a queue. */
    public record EventView(String action, Instant at, String by, String server) {
    }

    /**
     * @param depth     jobs waiting: ENQUEUED and SCHEDULED
     * @param changedAt when it was last paused or resumed; {@code null}: never
     * @param events    its latest pauses and resumes, newest first; only for a single queue
     */
    public record QueueView(String name, long depth, long running, boolean paused, Instant changedAt,
                            String changedBy, List<ServerRef> servers, List<EventView> events) {
    }

    /** What {@code POST .../pause} and {@code .../resume} answer: the queue, and what the call did. */
    public record ChangeView(QueueView queue, boolean changed, int released) {
    }

    @Inject
    QueueStore store;

    @Inject
    QueueControl control;

    @Inject
    ServerRegistry servers;

    @Context
    SecurityContext security;

    @GET
    public List<QueueView> list() {
        Map<String, QueueStore.Counts> counts = store.counts();
        List<ServerRegistry.Server> live = servers.live();
        return store.all().stream().map(row -> view(row, counts, live, null)).toList();
    }

    @GET
    @Path("{name}")
    public QueueView get(@PathParam("name") String name) {
        return one(checked(name));
    }

    @POST
    @Path("{name}/pause")
    @RolesAllowed("operator")
    public ChangeView pause(@PathParam("name") String name) {
        QueueControl.Change change = control.pause(checked(name), principal());
        return new ChangeView(one(name), change.changed(), change.released());
    }

    @POST
    @Path("{name}/resume")
    @RolesAllowed("operator")
    public ChangeView resume(@PathParam("name") String name) {
        QueueControl.Change change = control.resume(checked(name), principal());
        return new ChangeView(one(name), change.changed(), change.released());
    }

    private QueueView one(String name) {
        List<EventView> events = store.events(name, EVENTS).stream()
                .map(e -> new EventView(e.action(), instant(e.at()), e.by(), e.server())).toList();
        return view(store.find(name), store.counts(), servers.live(), events);
    }

    private static QueueView view(QueueStore.QueueRow row, Map<String, QueueStore.Counts> counts,
                                  List<ServerRegistry.Server> live, List<EventView> events) {
        QueueStore.Counts count = counts.getOrDefault(row.name(), new QueueStore.Counts(0, 0));
        List<ServerRef> consumers = live.stream()
                .flatMap(s -> share(s.queues(), s.workers(), row.name()).stream()
                        .mapToObj(workers -> new ServerRef(s.id(), s.node(), workers)))
                .toList();
        return new QueueView(row.name(), count.depth(), count.running(), row.paused(), instant(row.changedAt()),
                row.changedBy(), consumers, events);
    }

    /**
     * The workers a server gives a queue, from its heartbeat's {@code queues}: {@code *} (all of its workers), or
     * shares such as {@code mail:8,*:4} (the queue's own share, else that of {@code *}); empty if it does not
     * consume the queue.
     */
    static OptionalInt share(String queues, int workers, String name) {
        if (queues == null) {
            return OptionalInt.empty();
        }
        OptionalInt rest = OptionalInt.empty();
        for (String entry : queues.split(",")) {
            String[] share = entry.trim().split(":", 2);
            int n = share.length == 2 ? parse(share[1], workers) : workers;
            if (share[0].equals(name)) {
                return OptionalInt.of(n);
            }
            if (share[0].equals("*")) {
                rest = OptionalInt.of(n);
            }
        }
        return rest;
    }

    private static int parse(String workers, int fallback) {
        try {
            return Integer.parseInt(workers.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The same rule as a submission's queue (JobSubmitter), so every queue a job can name can be paused. */
    private static String checked(String name) {
        if (name == null || name.length() > 100 || !name.matches("[A-Za-z0-9._-]+")) {
            throw ApiException.badRequest("a queue name is 1-100 letters, digits, '.', '_' or '-'", "name");
        }
        return name;
    }

    private String principal() {
        return security.getUserPrincipal().getName();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
