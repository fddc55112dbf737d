package dev.errand.platform.tracing;

import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;

/**
 * Names a request's span after the route JAX-RS matched ({@code GET /api/jobs/{id}}), not the path it was called
 * with: one name per endpoint, whatever the ids (OpenTelemetry's HTTP conventions), plus {@code http.route}.
 */
@Provider
public class RouteNames implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Span span = Span.current();
        if (!span.isRecording() || resource == null || resource.getResourceClass() == null) {
            return;
        }
        String route = "/api" + path(resource.getResourceClass()) + path(resource.getResourceMethod());
        span.setAttribute("http.route", route);
        span.updateName(request.getMethod() + " " + route);
    }

    private static String path(AnnotatedElement element) {
        Path path = element == null ? null : element.getAnnotation(Path.class);
        if (path == null || path.value().isEmpty() || "/".equals(path.value())) {
            return "";
        }
        String value = path.value().replaceAll("/+$", "");
        return value.startsWith("/") ? value : "/" + value;
    }
}
