package dev.errand.job.engine;

import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobStore;
import dev.errand.job.store.JobTypeStore;
import dev.errand.job.store.JobTypeStore.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Concurrency and rate limits per job type, cluster-wide (docs/run-control.md "Limits per job type"). The claim
 * step opens a {@link Gate} over the limited types of its message (their rows locked FOR UPDATE, so claims of a
 * limited type take turns); a job over a concurrency limit is held (its message acknowledged) until a running job
 * of its type ends and {@link #release} sends it again; a job over a rate limit gets a delayed message for the
 * moment a slot of the window opens.
 */
@ApplicationScoped
public class TypeLimits {

    /** Jobs released per transaction when a limit is raised or lifted. */
    static final int BATCH = 500;

    /** What the gate decided for one job: start it (null reason), hold it, or try again {@code at}. */
    public record Verdict(String reason, OffsetDateTime at) {
        static final Verdict START = new Verdict(null, null);

        public boolean starts() {
            return reason == null;
        }

        public boolean deferred() {
            return at != null;
        }
    }

    @Inject
    JobTypeStore types;

    @Inject
    JobStore jobs;

    /** Locks the limited types among these (one indexed query; nothing more for types without limits). */
    public Gate open(Collection<String> typesOfMessage) {
        return new Gate(types.lockLimited(typesOfMessage));
    }

    /**
     * Jobs of these types that may start now that running ones have ended (or a limit was raised): at most the free
     * slots of each type with a concurrency limit; with {@code lifted}, up to {@link #BATCH} of a type that has
     * none. The caller changes them to ENQUEUED under a new message, having ended its own attempts first.
     */
    public List<JobEntity> releasable(Collection<String> endedTypes, OffsetDateTime now, boolean lifted) {
        Map<String, Settings> limited = endedTypes.isEmpty() ? Map.of() : types.lockLimited(endedTypes);
        if (limited.isEmpty() && !lifted) {
            return List.of(); // no concurrency limit among them: nothing is held for a slot
        }
        jobs.flush(); // the counts below must see the attempts this transaction just ended
        List<Long> ids = new ArrayList<>();
        for (String type : endedTypes) {
            Settings s = limited.get(type);
            if (s == null ? !lifted : s.concurrency() == null) {
                continue; // a rate limit's held jobs come back by their delayed messages
            }
            long free = s == null ? BATCH : Math.min(BATCH, s.concurrency() - types.running(type));
            if (free > 0) {
                ids.addAll(types.waitingIds(type, now, (int) free));
            }
        }
        return ids.isEmpty() ? List.of() : jobs.lock(ids);
    }

    /** The limits of one claim transaction: counts are read once per type and kept up to date as jobs start. */
    public final class Gate {
        private final Map<String, Settings> limited;
        private final Map<String, long[]> running = new HashMap<>();
        private final Map<String, List<OffsetDateTime>> starts = new HashMap<>();
        private final Map<String, Integer> deferred = new HashMap<>();

        Gate(Map<String, Settings> limited) {
            this.limited = limited;
        }

        /** Whether a job of this type may start now; if it does, it is counted. */
        public Verdict admit(String type, OffsetDateTime now) {
            Settings s = limited.get(type);
            if (s == null) {
                return Verdict.START;
            }
            long[] run = running.computeIfAbsent(type, t -> new long[] {types.running(t)});
            if (s.concurrency() != null && run[0] >= s.concurrency()) {
                return new Verdict("held: type '" + type + "' runs at its concurrency limit of " + s.concurrency()
                        + "; starts when one of them ends", null);
            }
            if (s.rateLimit() != null) {
                Duration period = Duration.ofMillis(s.ratePeriodMs());
                List<OffsetDateTime> window = starts.computeIfAbsent(type,
                        t -> new ArrayList<>(types.startsSince(t, now.minus(period))));
                if (window.size() >= s.rateLimit()) {
                    // The k-th job deferred by this claim waits for the k-th slot to open, not all for the first.
                    int k = deferred.merge(type, 1, Integer::sum) - 1;
                    OffsetDateTime at = window.get(k % window.size()).plus(period.multipliedBy(1 + k / window.size()));
                    return new Verdict("held: type '" + type + "' started " + s.rateLimit() + " times in the last "
                            + period + "; tries again at " + at.toInstant(), at);
                }
                window.add(now);
                types.recordStart(type, now);
            }
            run[0]++;
            return Verdict.START;
        }
    }
}
