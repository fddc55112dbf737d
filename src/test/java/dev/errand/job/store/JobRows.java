package dev.errand.job.store;

import dev.errand.job.JobState;
import java.lang.reflect.Field;
import java.time.OffsetDateTime;

/**
 * Job rows in a given state for unit tests, as a database read would return them: the entity has no public way to
 * take a state without its transition, so the fields are set the way JPA sets them.
 */
public final class JobRows {

    private JobRows() {
    }

    public static JobEntity newJob(int maxAttempts, OffsetDateTime runAt) {
        return new JobEntity("test.type", "default", "{}", maxAttempts, null, "tester",
                OffsetDateTime.parse("2026-01-01T00:00:00Z"), runAt);
    }

    /** @param state {@code null} for a job that is not stored yet */
    public static JobEntity inState(JobState state, int attempt, int maxAttempts, int dispatch) {
        JobEntity job = newJob(maxAttempts, null);
        set(job, "state", state);
        set(job, "attempt", attempt);
        set(job, "dispatch", dispatch);
        return job;
    }

    /** An ENQUEUED job of {@code test.type} with this id and mutex key (null: none). */
    public static JobEntity keyed(long id, String key) {
        JobEntity job = inState(JobState.ENQUEUED, 0, 3, 1).withMutexKey(key);
        set(job, "id", id);
        return job;
    }

    private static void set(JobEntity job, String field, Object value) {
        try {
            Field f = JobEntity.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(job, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
