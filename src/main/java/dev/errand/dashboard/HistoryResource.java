package dev.errand.dashboard;

import dev.errand.platform.web.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/stats/history?range=24h|7d}: jobs finished (succeeded, failed) per hour, every hour of the range
 * present (zeros included), oldest first. Read from the hourly counters, not from the job rows.
 */
@Path("stats/history")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class HistoryResource {

    @Inject
    JobStats stats;

    @Inject
    Clock clock;

    @GET
    public Map<String, Object> history(@QueryParam("range") String range) {
        int hours = switch (range == null || range.isBlank() ? "24h" : range.trim()) {
            case "24h" -> 24;
            case "7d" -> 7 * 24;
            default -> throw ApiException.badRequest("range must be 24h or 7d", "range");
        };
        Instant first = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
        Map<Instant, JobStats.Bucket> found = new HashMap<>();
        stats.finishedPerHour(first).forEach(b -> found.put(b.hour(), b));
        List<JobStats.Bucket> points = new ArrayList<>(hours);
        for (int i = 0; i < hours; i++) {
            Instant hour = first.plus(Duration.ofHours(i));
            points.add(found.getOrDefault(hour, new JobStats.Bucket(hour, 0, 0)));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("range", hours == 24 ? "24h" : "7d");
        answer.put("bucket", "PT1H");
        answer.put("points", points);
        return answer;
    }
}
