package dev.errand.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * One server span per API request (web.xml maps it to /api/*), current while the request runs so that the jobs it
 * submits keep it as their parent (docs/tracing.md). A servlet filter rather than a JAX-RS one: the span's scope
 * opens and closes around the whole call on one thread, whatever the resource throws. {@link RouteNames} gives the
 * span its route once JAX-RS has matched one.
 */
public class RequestTracing extends HttpFilter {

    @Inject
    Tracing tracing;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Span span = tracing.startRequest(request.getMethod(), request::getHeader);
        span.setAttribute("http.request.method", request.getMethod());
        span.setAttribute("url.path", request.getRequestURI());
        try (Scope ignored = span.makeCurrent()) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            int status = response.getStatus();
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR); // a 4xx is the caller's mistake, not the server's (OTel HTTP conventions)
            }
            span.end();
        }
    }
}
