package dev.errand.dashboard;

import dev.errand.platform.web.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * CSRF protection for every state-changing API call that carries credentials. A browser re-sends cached Basic
 * credentials on any request to this origin, including a form or fetch that another site started; browsers
 * also say where such a request came from ({@code Sec-Fetch-Site}, {@code Origin}), and pages cannot forge
 * either. So a POST/PUT/PATCH/DELETE is refused when the browser says it came from another site, or names an
 * {@code Origin} other than this server's. Non-browser clients (curl, SDKs) send neither header and are
 * unaffected, so no token round trip is needed.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10)
public class CrossSiteRequestGuard implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_SITE_FETCH = Set.of("same-origin", "none");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getSecurityContext().getUserPrincipal() == null) {
            return;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        String origin = request.getHeaderString("Origin");
        boolean crossSite = fetchSite != null
                ? !SAME_SITE_FETCH.contains(fetchSite.trim().toLowerCase())
                : origin != null && !sameOrigin(origin, request.getHeaderString(HttpHeaders.HOST));
        if (crossSite) {
            request.abortWith(Problem.of(403, "cross-site request refused: state-changing calls with a login must come"
                    + " from this server's own pages (or from a client that is not a browser)").toResponse());
        }
    }

    static boolean sameOrigin(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            return uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
