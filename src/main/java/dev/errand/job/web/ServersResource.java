package dev.errand.job.web;

import dev.errand.server.ServerRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code /api/servers}: the live server instances that share this database (the whole cluster), as their
 * heartbeats show them: node id, instance id, worker sessions, attempts running, queues.
 */
@Path("servers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class ServersResource {

    @Inject
    ServerRegistry registry;

    @GET
    public List<ServerRegistry.Server> list() {
        return registry.live();
    }
}
