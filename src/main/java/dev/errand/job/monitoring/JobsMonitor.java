package dev.errand.job.monitoring;

import dev.errand.job.JobState;
import dev.errand.job.engine.RunningJobs;
import dev.errand.job.store.JobStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads job statistics from the database (so they cover every server and survive restarts) for the JMX MBean
 * {@code dev.errand:type=Jobs}, which it registers at deployment and unregisters at undeployment, and for
 * {@code GET /metrics}. Each read is a handful of aggregate queries over indexed columns.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JobsMonitor {

    private static final Logger LOG = Logger.getLogger(JobsMonitor.class.getName());
    static final String OBJECT_NAME = "dev.errand:type=Jobs";

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    @Inject
    RunningJobs running;

    @Inject
    JobStore store;

    @Resource
    SessionContext context;

    private ObjectName name;

    @PostConstruct
    void register() {
        try {
            name = new ObjectName(OBJECT_NAME);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // left behind by a deployment that did not undeploy cleanly
            }
            // calls go through the container (transaction, class loader), not straight to this instance
            server.registerMBean(new JobsMBean(context.getBusinessObject(JobsMonitor.class)), name);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Cannot register the MBean " + OBJECT_NAME, e);
        }
    }

    @PreDestroy
    void unregister() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (name != null && server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Cannot unregister the MBean " + OBJECT_NAME, e);
        }
    }

    /** Counts by state, finished in the last minute, the oldest waiting job, this server's busy workers. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public JobsSnapshot summary() {
        return read(false);
    }

    /** {@link #summary()} plus counts by type, durations, retries and dead letters, for {@code /metrics}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public JobsSnapshot details() {
        return read(true);
    }

    private JobsSnapshot read(boolean details) {
        Map<JobState, Long> byState = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            byState.put(state, 0L);
        }
        Map<String, Map<JobState, Long>> byType = new TreeMap<>();
        if (details) {
            for (Object[] row : rows("SELECT type, state, COUNT(*) FROM errand.job GROUP BY type, state")) {
                JobState state = JobState.valueOf((String) row[1]);
                long count = ((Number) row[2]).longValue();
                byState.merge(state, count, Long::sum);
                byType.computeIfAbsent((String) row[0], t -> new EnumMap<>(JobState.class)).put(state, count);
            }
        } else {
            // JMX reads one attribute at a time, each a summary: the trigger-kept counters, not a scan of the job table.
            byState.putAll(store.countByState());
        }
        Object[] recent = (Object[]) em.createNativeQuery("SELECT"
                        + " (SELECT COUNT(*) FROM errand.job WHERE state = 'SUCCEEDED' AND finished_at >= now() - interval '1 minute'),"
                        + " (SELECT COUNT(*) FROM errand.job WHERE state = 'FAILED' AND finished_at >= now() - interval '1 minute'),"
                        + " (SELECT EXTRACT(EPOCH FROM now() - MIN(updated_at)) FROM errand.job WHERE state = 'ENQUEUED')")
                .getSingleResult();
        double oldest = recent[2] == null ? 0 : Math.max(0, ((Number) recent[2]).doubleValue());
        Map<String, JobsSnapshot.Durations> durations = new LinkedHashMap<>();
        long retries = 0;
        long deadLettered = 0;
        if (details) {
            durations = durations();
            retries = number("SELECT COALESCE(SUM(attempt - 1), 0) FROM errand.job WHERE attempt > 1");
            deadLettered = number("SELECT COUNT(*) FROM errand.job_event WHERE state = 'FAILED'"
                    + " AND reason LIKE 'dead-lettered%'");
        }
        return new JobsSnapshot(byState, byType, ((Number) recent[0]).longValue(), ((Number) recent[1]).longValue(),
                oldest, durations, retries, deadLettered, running.count());
    }

    private Map<String, JobsSnapshot.Durations> durations() {
        StringBuilder sql = new StringBuilder("SELECT type, COUNT(*), COALESCE(SUM(d), 0)");
        for (double bound : JobsSnapshot.BUCKETS) {
            sql.append(", COUNT(*) FILTER (WHERE d <= ").append(bound).append(')');
        }
        sql.append(" FROM (SELECT type, EXTRACT(EPOCH FROM finished_at - started_at) AS d FROM errand.job")
                .append(" WHERE state IN ('SUCCEEDED', 'FAILED') AND started_at IS NOT NULL AND finished_at IS NOT NULL) f")
                .append(" GROUP BY type ORDER BY type");
        Map<String, JobsSnapshot.Durations> result = new LinkedHashMap<>();
        for (Object[] row : rows(sql.toString())) {
            long[] cumulative = new long[JobsSnapshot.BUCKETS.size()];
            for (int i = 0; i < cumulative.length; i++) {
                cumulative[i] = ((Number) row[3 + i]).longValue();
            }
            result.put((String) row[0], new JobsSnapshot.Durations(cumulative, ((Number) row[1]).longValue(),
                    ((Number) row[2]).doubleValue()));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    private long number(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    /** The registered MBean: each attribute read asks the monitor afresh. */
    static final class JobsMBean implements JobsMXBean {

        private final JobsMonitor monitor;

        JobsMBean(JobsMonitor monitor) {
            this.monitor = monitor;
        }

        private long state(JobState state) {
            return monitor.summary().byState().get(state);
        }

        @Override public long getEnqueued() { return state(JobState.ENQUEUED); }
        @Override public long getScheduled() { return state(JobState.SCHEDULED); }
        @Override public long getAwaiting() { return state(JobState.AWAITING); }
        @Override public long getProcessing() { return state(JobState.PROCESSING); }
        @Override public long getSucceeded() { return state(JobState.SUCCEEDED); }
        @Override public long getFailed() { return state(JobState.FAILED); }
        @Override public long getDeleted() { return state(JobState.DELETED); }
        @Override public long getSucceededPerMinute() { return monitor.summary().succeededLastMinute(); }
        @Override public long getFailedPerMinute() { return monitor.summary().failedLastMinute(); }
        @Override public double getOldestEnqueuedAgeSeconds() { return monitor.summary().oldestEnqueuedAgeSeconds(); }
        @Override public int getWorkersBusy() { return monitor.summary().workersBusy(); }
    }
}
