package dev.errand.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The browser-side defences on every answer, HTML, JSON and error alike (web.xml maps this filter to all paths and
 * to error dispatches too). The policy fits the dashboard at /jobs: its scripts and styles are files of this origin
 * (no inline script, style or event handler; Chart.js from its webjar; its favicon a {@code data:} URL), it talks
 * only to this origin (fetch, EventSource), and nothing may frame it. JSON cannot run, so the same policy costs the
 * API nothing and keeps an answer opened in a tab inert.
 */
public class SecurityHeaders extends HttpFilter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // not no-referrer: browsers then send "Origin: null" on the dashboard's own POSTs, which
        // dev.errand.dashboard.CrossSiteRequestGuard refuses where Sec-Fetch-Site is missing
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
