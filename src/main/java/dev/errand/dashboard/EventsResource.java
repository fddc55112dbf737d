package dev.errand.dashboard;

import dev.errand.platform.web.ApiException;
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
 * Beyond {@code ERRAND_SSE_MAX_CLIENTS} listeners: 503 with {@code Retry-After}.
 */
@Path("events")
@RequestScoped
@RolesAllowed("viewer")
public class EventsResource {

    private static final int RETRY_AFTER_SECONDS = 30;

    @Inject
    LiveFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
        if (!feed.subscribe(sse, sink)) {
            throw new ApiException(503, "too many dashboards listen to the live feed; try again later")
                    .retryAfter(RETRY_AFTER_SECONDS);
        }
    }
}
