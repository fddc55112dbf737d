package dev.errand.dashboard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /api/events}: the dashboard's live stream. Events: {@code series} (on connect: the last two minutes
 * of per-second points), then {@code stats} every second and {@code jobs} (the jobs that changed) when any did.
 */
@Path("events")
@RequestScoped
@RolesAllowed("admin")
public class EventsResource {

    @Inject
    LiveFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
        feed.subscribe(sse, sink);
    }
}
