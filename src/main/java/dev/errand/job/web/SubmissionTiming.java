package dev.errand.job.web;

import dev.errand.job.timing.Stage;
import dev.errand.job.timing.StageTimes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Times single submissions ({@code POST /api/jobs}) from the servlet to the answer: the request stage of the
 * latency budget (docs/performance.md). What the server spends before the servlet (HTTP parsing, authentication)
 * is outside it.
 */
@WebFilter(urlPatterns = "/api/jobs")
public class SubmissionTiming extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            StageTimes.since(Stage.REQUEST, start);
        }
    }
}
