package dev.errand.server;

import dev.errand.platform.Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The {@code errand.server} table: one row per running server, kept fresh by its heartbeat. */
@ApplicationScoped
public class ServerRegistry {

    private final Duration timeout = Config.getDuration("SERVER_TIMEOUT", Duration.ofMinutes(1));

    /**
     * One running instance: {@code id} is the instance id, {@code node} the configured node id, {@code workers}
     * its job worker sessions and {@code running} the attempts it ran at its last heartbeat.
     */
    public record Server(String id, String node, String host, Instant startedAt, Instant heartbeatAt, int workers,
                         int running, String queues) {
    }

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /**
     * Writes the server's row; {@code sentBefore} is the time before which every job it stored has had its message
     * sent ({@link UnsentJobs}). A row without one (written before V16) is never swept for unsent jobs.
     */
    @Transactional
    public void beat(Server server, Instant sentBefore) {
        em.createNativeQuery("INSERT INTO errand.server (id, node_id, host, started_at, heartbeat_at, workers, running, queues,"
                        + " sent_before) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET"
                        + " heartbeat_at = EXCLUDED.heartbeat_at, workers = EXCLUDED.workers, running = EXCLUDED.running,"
                        + " queues = EXCLUDED.queues, sent_before = EXCLUDED.sent_before")
                .setParameter(1, server.id())
                .setParameter(2, server.node())
                .setParameter(3, server.host())
                .setParameter(4, utc(server.startedAt()))
                .setParameter(5, utc(server.heartbeatAt()))
                .setParameter(6, server.workers())
                .setParameter(7, server.running())
                .setParameter(8, server.queues())
                .setParameter(9, utc(sentBefore))
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
                        + " AND NOT EXISTS (SELECT 1 FROM errand.job j WHERE j.state = 'PROCESSING' AND COALESCE(j.server_instance, j.server_id) = s.id)")
                .setParameter(1, staleBefore)
                .setParameter(2, self)
                .executeUpdate();
    }

    /**
     * How long a silent instance counts as alive ({@code ERRAND_SERVER_TIMEOUT}, 1 min): after it, its jobs are
     * orphans and it drops out of {@link #live()}.
     */
    public Duration timeout() {
        return timeout;
    }

    /** The instances heard from within the {@link #timeout()}: a stopped or dead one drops out. */
    public List<Server> live() {
        return live(OffsetDateTime.now(ZoneOffset.UTC).minus(timeout));
    }

    @SuppressWarnings("unchecked")
    private List<Server> live(OffsetDateTime heartbeatSince) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, COALESCE(node_id, id), host, started_at, heartbeat_at, workers, running,"
                        + " queues FROM errand.server WHERE heartbeat_at >= ?1 ORDER BY 2, started_at, id")
                .setParameter(1, heartbeatSince)
                .getResultList();
        return rows.stream().map(r -> new Server((String) r[0], (String) r[1], (String) r[2], instant(r[3]),
                instant(r[4]), ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), (String) r[7])).toList();
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
