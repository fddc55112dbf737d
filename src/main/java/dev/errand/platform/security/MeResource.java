package dev.errand.platform.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/me}: who is logged in and with which roles (implied ones included), so a client such as the
 * dashboard shows only the actions the caller may take. The server checks every action anyway.
 */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.SUBMITTER})
public class MeResource {

    @Inject
    SecurityContext security;

    @GET
    public Map<String, Object> me() {
        List<String> roles = Roles.ASSIGNABLE.stream().filter(security::isCallerInRole).sorted().toList();
        return Map.of("username", security.getCallerPrincipal().getName(), "roles", roles);
    }
}
