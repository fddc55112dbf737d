package dev.errand.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The {@code errand.server} table: one row per running server, kept fresh by its heartbeat. */
@ApplicationScoped
public class ServerRegistry {

    public record Server(String id, String host, Instant startedAt, Instant heartbeatAt, int workers, String queues) {
    }

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    @Transactional
    public void beat(Server server) {
        em.createNativeQuery("INSERT INTO errand.server (id, host, started_at, heartbeat_at, workers, queues)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at,"
                        + " workers = EXCLUDED.workers, queues = EXCLUDED.queues")
                .setParameter(1, server.id())
                .setParameter(2, server.host())
                .setParameter(3, utc(server.startedAt()))
                .setParameter(4, utc(server.heartbeatAt()))
                .setParameter(5, server.workers())
                .setParameter(6, server.queues())
                .executeUpdate();
    }

    @Transactional
    public void remove(String id) {
        em.createNativeQuery("DELETE FROM errand.server WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    /**
     * Deletes the rows of servers silent since {@code staleBefore}, once none of their jobs is left PROCESSING
     * (orphan recovery requeues those first).
     */
    @Transactional
    public int removeStale(OffsetDateTime staleBefore, String self) {
        return em.createNativeQuery("DELETE FROM errand.server s WHERE s.heartbeat_at < ?1 AND s.id <> ?2"
                        + " AND NOT EXISTS (SELECT 1 FROM errand.job j WHERE j.state = 'PROCESSING' AND j.server_id = s.id)")
                .setParameter(1, staleBefore)
                .setParameter(2, self)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<Server> all() {
        List<Object[]> rows = em.createNativeQuery("SELECT id, host, started_at, heartbeat_at, workers, queues"
                + " FROM errand.server ORDER BY started_at, id").getResultList();
        return rows.stream().map(r -> new Server((String) r[0], (String) r[1], instant(r[2]), instant(r[3]),
                ((Number) r[4]).intValue(), (String) r[5])).toList();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime at) {
            return at.toInstant();
        }
        if (value instanceof java.sql.Timestamp at) {
            return at.toInstant();
        }
        if (value instanceof java.util.Date at) {
            return at.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
