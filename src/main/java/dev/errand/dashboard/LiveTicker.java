package dev.errand.dashboard;

import dev.errand.platform.SchemaReadiness;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a second on each server: folds the counter deltas, reads the counts and the jobs that changed, and hands
 * them to {@link LiveFeed}. One reader for all dashboards (not a query per client).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LiveTicker {

    private static final Logger LOG = Logger.getLogger(LiveTicker.class.getName());
    private static final int MAX_CHANGES = 200;

    @Inject
    JobStats stats;

    @Inject
    LiveFeed feed;

    @Inject
    SchemaReadiness readiness;

    @Inject
    Clock clock;

    private Instant lastAt;
    private Map<Instant, long[]> lastFinished = Map.of();
    /** Events are read again for this long, so that one committed late (its time is taken before commit) still shows. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    private Instant changesSeenUpTo;
    private final Map<Long, Instant> seenEvents = new HashMap<>();
    private boolean failing;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "errand-dashboard-ticker")
    void tick() {
        if (!readiness.isReady()) {
            return;
        }
        try {
            stats.rollup();
            Instant now = clock.instant();
            Map<Instant, long[]> finished = new HashMap<>();
            for (JobStats.Bucket b : stats.finishedPerHour(now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1)))) {
                finished.put(b.hour(), new long[] {b.succeeded(), b.failed()});
            }
            double seconds = lastAt == null ? 1 : Math.max(0.001, Duration.between(lastAt, now).toMillis() / 1000.0);
            long succeeded = 0;
            long failed = 0;
            for (var e : finished.entrySet()) {
                long[] before = lastFinished.getOrDefault(e.getKey(), lastAt == null ? e.getValue() : new long[2]);
                succeeded += Math.max(0, e.getValue()[0] - before[0]);
                failed += Math.max(0, e.getValue()[1] - before[1]);
            }
            lastAt = now;
            lastFinished = finished;
            var tick = new LiveFeed.Tick(now.truncatedTo(ChronoUnit.MILLIS), JobStats.named(stats.countByState()),
                    round(succeeded / seconds), round(failed / seconds));
            feed.publish(tick, changes(now));
            failing = false;
        } catch (RuntimeException e) {
            // Once per outage, not once a second (the database may be down; /health says so).
            LOG.log(failing ? Level.FINE : Level.WARNING, "Dashboard ticks fail until the database answers: " + e, e);
            failing = true;
        }
    }

    /** The latest state of each job that changed since the previous tick. */
    private List<LiveFeed.JobChange> changes(Instant now) {
        if (changesSeenUpTo == null) {
            changesSeenUpTo = now;
            return List.of();
        }
        Instant from = changesSeenUpTo.minus(OVERLAP);
        seenEvents.values().removeIf(at -> at.isBefore(from));
        Map<Long, LiveFeed.JobChange> latest = new LinkedHashMap<>();
        List<JobStats.Change> found = stats.changesSince(from, MAX_CHANGES);
        for (JobStats.Change c : found) {
            if (seenEvents.putIfAbsent(c.eventId(), c.at()) == null) {
                latest.remove(c.jobId());
                latest.put(c.jobId(), new LiveFeed.JobChange(c.jobId(), c.state()));
            }
            if (c.at().isAfter(changesSeenUpTo)) {
                changesSeenUpTo = c.at();
            }
        }
        if (found.size() == MAX_CHANGES) {
            // Busier than a screen can show: skip ahead (the pages also refresh when the counts move).
            changesSeenUpTo = now;
        }
        return List.copyOf(latest.values());
    }

    private static double round(double perSecond) {
        return Math.round(perSecond * 10) / 10.0;
    }
}
