package dev.errand.dashboard;

import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobViews;
import dev.errand.platform.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/jobs/dead-lettered?limit=&cursor=}: FAILED jobs that the broker gave up on (the DLQ consumer
 * records "dead-lettered: ..." as their reason and error), newest first, in the shape of {@code GET /api/jobs}.
 */
@Path("jobs/dead-lettered")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class DeadLetteredResource {

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    @GET
    @SuppressWarnings("unchecked")
    public Map<String, Object> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Paging.limit(limit, 50, 500);
        Long after = Paging.cursor(cursor);
        long before = after == null ? Long.MAX_VALUE : after;
        // Literal predicates, so that PostgreSQL can use the partial index job_dead_lettered (V4).
        List<JobEntity> rows = em.createNativeQuery("SELECT * FROM errand.job WHERE state = 'FAILED'"
                        + " AND error LIKE 'dead-lettered%' AND id < ?1 ORDER BY id DESC LIMIT ?2", JobEntity.class)
                .setParameter(1, before)
                .setParameter(2, size + 1)
                .getResultList();
        Map<String, Object> page = new LinkedHashMap<>();
        List<JobEntity> items = rows.size() > size ? rows.subList(0, size) : rows;
        page.put("items", items.stream().map(j -> JobViews.of(j, null)).toList());
        page.put("next", rows.size() > size ? String.valueOf(items.get(size - 1).id()) : null);
        return page;
    }
}
