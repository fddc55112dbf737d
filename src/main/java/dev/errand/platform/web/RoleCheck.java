package dev.errand.platform.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;

/**
 * Enforces {@code @RolesAllowed} on resource methods (method over class), the same way on every server:
 * the servlet constraints in web.xml already demand a login, this decides what the login may do.
 */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed != null) {
            context.register(new Filter(allowed.value()));
        }
    }

    private record Filter(String[] roles) implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            var security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                request.abortWith(Problem.of(401, "log in first (HTTP Basic)").toResponse());
            } else if (Arrays.stream(roles).noneMatch(security::isUserInRole)) {
                request.abortWith(Problem.of(403, "requires role " + String.join(" or ", roles)).toResponse());
            }
        }
    }
}
