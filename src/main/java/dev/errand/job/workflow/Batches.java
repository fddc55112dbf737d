package dev.errand.job.workflow;

import static dev.errand.platform.JsonSupport.JSON;

import dev.errand.job.InvalidJobException;
import dev.errand.job.NewJob;
import dev.errand.job.engine.EngineClock;
import dev.errand.job.engine.JobSubmitter;
import dev.errand.platform.JsonSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Batches with callbacks (docs/workflows.md): the jobs are stored together, all or none; when none of them can
 * change by itself any more, one transaction that holds the batch row's lock submits its callbacks and marks it
 * COMPLETED, so they are created exactly once across servers, and a crash before that commit leaves it for the
 * next sweep. Jobs without a batch pay nothing: the batch is never touched on a job's own path.
 */
@ApplicationScoped
public class Batches {

    /** What a callback job is given: its own args plus {@code batch: {id, counts}}. */
    public static final String ARG = "batch";

    public record Created(long id, List<JobSubmitter.Submitted> jobs) {
    }

    @Inject
    JobSubmitter submitter;

    @Inject
    BatchStore store;

    @Inject
    Clock clock;

    /** @param onSuccess null for none; {@code onComplete} too */
    @Transactional
    public Created create(List<NewJob> jobs, NewJob onSuccess, NewJob onComplete, String submittedBy) {
        check(onSuccess, "onSuccess");
        check(onComplete, "onComplete");
        OffsetDateTime now = EngineClock.now(clock);
        long id = store.insert(submittedBy, jobs.size(), json(onSuccess), json(onComplete), now);
        return new Created(id, submitter.submit(jobs, id));
    }

    /** Completes up to {@code limit} batches whose jobs all ended. @return how many */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int completeEnded(int limit) {
        List<BatchStore.Batch> ended = store.lockEnded(limit);
        if (ended.isEmpty()) {
            return 0;
        }
        Map<Long, Map<String, Long>> counts = store.counts(ended.stream().map(BatchStore.Batch::id).toList());
        OffsetDateTime now = EngineClock.now(clock);
        for (BatchStore.Batch batch : ended) {
            Map<String, Long> of = counts.get(batch.id());
            boolean allSucceeded = of.get("SUCCEEDED") == batch.total();
            Long onSuccess = allSucceeded ? callback(batch, batch.onSuccess(), of) : null;
            Long onComplete = callback(batch, batch.onComplete(), of);
            store.complete(batch.id(), onSuccess, onComplete, now);
        }
        return ended.size();
    }

    private Long callback(BatchStore.Batch batch, String stored, Map<String, Long> counts) {
        if (stored == null) {
            return null;
        }
        JsonObject spec = JsonSupport.parse(stored).asJsonObject();
        NewJob job = new NewJob(spec.getString("type"), withBatch(spec.getString("args"), batch.id(), counts),
                spec.getString("queue", null), null,
                spec.containsKey("maxAttempts") ? spec.getInt("maxAttempts") : null, null, batch.submittedBy(), null,
                spec.containsKey("priority") ? spec.getInt("priority") : null);
        return submitter.submit(List.of(job)).get(0).job().id();
    }

    /** Refuses at submission a callback its type could not run with the batch argument added. */
    private void check(NewJob callback, String field) {
        if (callback == null) {
            return;
        }
        if (!callback.after().isEmpty() || callback.runAt() != null || callback.idempotencyKey() != null) {
            throw new InvalidJobException(field, "a callback runs when its batch completes: no after, delay or runAt");
        }
        try {
            submitter.prepare(callback.withArgs(withBatch(callback.args(), 0, Map.of())));
        } catch (InvalidJobException e) {
            throw new InvalidJobException(field + "." + e.field(), e.getMessage()
                    + " (a callback's type takes an argument '" + ARG + "': {id, counts}; docs/workflows.md)");
        }
    }

    static String withBatch(String args, long id, Map<String, Long> counts) {
        JsonObject own = args == null || args.isBlank() ? JsonObject.EMPTY_JSON_OBJECT
                : JsonSupport.parse(args).asJsonObject();
        JsonObjectBuilder countsJson = JSON.createObjectBuilder();
        counts.forEach(countsJson::add);
        return JSON.createObjectBuilder(own)
                .add(ARG, JSON.createObjectBuilder().add("id", id).add("counts", countsJson))
                .build().toString();
    }

    private static String json(NewJob callback) {
        if (callback == null) {
            return null;
        }
        JsonObjectBuilder spec = JSON.createObjectBuilder().add("type", callback.type())
                .add("args", callback.args() == null ? "{}" : callback.args());
        if (callback.queue() != null) {
            spec.add("queue", callback.queue());
        }
        if (callback.maxAttempts() != null) {
            spec.add("maxAttempts", callback.maxAttempts());
        }
        if (callback.priority() != null) {
            spec.add("priority", callback.priority());
        }
        return spec.build().toString();
    }
}
