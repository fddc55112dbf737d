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
 * {@code GET /metrics}. No read scans the job table: counts, durations, retries and dead letters come from the
 * trigger-kept counters (V4__dashboard.sql, V8__job_metrics.sql), the last minute from bounded index ranges.
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

    /** Job counts by state, from the counters V4__dashboard.sql keeps. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<JobState, Long> countByState() {
        return store.countByState();
    }

    /**
     * Jobs finished in the last minute and the oldest waiting job's age: index range reads (job_finished,
     * job_unfinished of V1__jobs.sql) bounded by one minute's finished jobs and one row, not counters (these
     * move with the clock).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Recent recent() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT"
                        + " (SELECT COUNT(*) FROM errand.job WHERE state = 'SUCCEEDED' AND finished_at >= now() - interval '1 minute'),"
                        + " (SELECT COUNT(*) FROM errand.job WHERE state = 'FAILED' AND finished_at >= now() - interval '1 minute'),"
                        + " (SELECT EXTRACT(EPOCH FROM now() - MIN(updated_at)) FROM errand.job WHERE state = 'ENQUEUED')")
                .getSingleResult();
        double oldest = row[2] == null ? 0 : Math.max(0, ((Number) row[2]).doubleValue());
        return new Recent(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), oldest);
    }

    /** Jobs running on this server now. */
    public int workersBusy() {
        return running.count();
    }

    /** What {@link #recent()} read. */
    public record Recent(long succeeded, long failed, double oldestEnqueuedSeconds) {
    }

    /**
     * Everything {@code /metrics} shows. Counts by state and type, durations, retries and dead letters come from
     * the per-type counters of V8__job_metrics.sql (base rows + pending deltas, one statement so one snapshot):
     * a few rows per job type however many jobs are stored. The state totals are the per-type sums of that same
     * snapshot, so the two series agree.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public JobsSnapshot details() {
        Map<JobState, Long> byState = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            byState.put(state, 0L);
        }
        Map<String, Map<JobState, Long>> byType = new TreeMap<>();
        Map<String, long[]> buckets = new TreeMap<>(); // per type: runs per bucket, +Inf last (not cumulative)
        Map<String, Double> seconds = new TreeMap<>();
        long retries = 0;
        long deadLettered = 0;
        for (Object[] row : rows("SELECT type, metric, SUM(n) FROM (SELECT type, metric, n FROM errand.job_metric"
                + " UNION ALL SELECT type, metric, n FROM errand.job_metric_delta) m GROUP BY type, metric")) {
            String type = (String) row[0];
            String metric = (String) row[1];
            Number n = (Number) row[2];
            if (n.doubleValue() == 0) {
                continue; // a contribution that was taken back (deleted or moved on) before the rollup
            }
            if (metric.startsWith(STATE)) {
                JobState state = JobState.valueOf(metric.substring(STATE.length()));
                byType.computeIfAbsent(type, t -> new EnumMap<>(JobState.class)).put(state, n.longValue());
                byState.merge(state, n.longValue(), Long::sum);
            } else if (metric.startsWith(RUN_LE)) {
                int bucket = bucket(metric.substring(RUN_LE.length()));
                buckets.computeIfAbsent(type, t -> new long[JobsSnapshot.BUCKETS.size() + 1])[bucket] += n.longValue();
            } else if (metric.equals("run_seconds")) {
                seconds.put(type, n.doubleValue());
            } else if (metric.equals("retries")) {
                retries += n.longValue();
            } else if (metric.equals("dead_lettered")) {
                deadLettered += n.longValue();
            }
        }
        Map<String, JobsSnapshot.Durations> durations = new LinkedHashMap<>();
        buckets.forEach((type, runs) -> {
            long[] cumulative = new long[JobsSnapshot.BUCKETS.size()];
            long count = 0;
            for (int i = 0; i < runs.length; i++) {
                count += runs[i];
                if (i < cumulative.length) {
                    cumulative[i] = count;
                }
            }
            durations.put(type, new JobsSnapshot.Durations(cumulative, count, seconds.getOrDefault(type, 0.0)));
        });
        Recent recent = recent();
        return new JobsSnapshot(byState, byType, recent.succeeded(), recent.failed(), recent.oldestEnqueuedSeconds(),
                durations, retries, deadLettered, running.count());
    }

    private static final String STATE = "state:";
    private static final String RUN_LE = "run_le:";

    /** The index in JobsSnapshot.BUCKETS of a bound as V8__job_metrics.sql names it; "+Inf" is the last + 1. */
    private static int bucket(String bound) {
        if (bound.equals("+Inf")) {
            return JobsSnapshot.BUCKETS.size();
        }
        int i = JobsSnapshot.BUCKETS.indexOf(Double.valueOf(bound));
        if (i < 0) {
            throw new IllegalStateException("a duration bucket V8__job_metrics.sql has and JobsSnapshot lacks: " + bound);
        }
        return i;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    /** The registered MBean: each attribute read asks the monitor afresh. */
    static final class JobsMBean implements JobsMXBean {

        private final JobsMonitor monitor;

        JobsMBean(JobsMonitor monitor) {
            this.monitor = monitor;
        }

        private long state(JobState state) {
            return monitor.countByState().get(state);
        }

        @Override public long getEnqueued() { return state(JobState.ENQUEUED); }
        @Override public long getScheduled() { return state(JobState.SCHEDULED); }
        @Override public long getAwaiting() { return state(JobState.AWAITING); }
        @Override public long getProcessing() { return state(JobState.PROCESSING); }
        @Override public long getSucceeded() { return state(JobState.SUCCEEDED); }
        @Override public long getFailed() { return state(JobState.FAILED); }
        @Override public long getDeleted() { return state(JobState.DELETED); }
        @Override public long getSucceededPerMinute() { return monitor.recent().succeeded(); }
        @Override public long getFailedPerMinute() { return monitor.recent().failed(); }
        @Override public double getOldestEnqueuedAgeSeconds() { return monitor.recent().oldestEnqueuedSeconds(); }
        @Override public int getWorkersBusy() { return monitor.workersBusy(); }
    }
}
