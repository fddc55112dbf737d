package dev.errand.job.engine;

import dev.errand.job.InvalidJobException;
import dev.errand.job.NewJob;
import dev.errand.job.JobState;
import dev.errand.job.store.DependencyStore;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobStore;
import dev.errand.job.store.JobTypeStore;
import dev.errand.platform.tracing.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns submissions into stored, dispatched jobs. Everything is checked before anything is written, and all
 * jobs of one call commit together with their messages or not at all.
 */
@ApplicationScoped
public class JobSubmitter {

    public static final int MAX_BATCH = 10_000;
    private static final int MAX_ATTEMPTS_LIMIT = 100;
    /** What PostgreSQL's timestamptz holds (4713 BC to 294276 AD), with a margin: beyond it an insert would fail. */
    private static final Instant EARLIEST = Instant.parse("-4000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+290000-01-01T00:00:00Z");

    /** A submitted job; {@code created} is false when an idempotency key found the job of an earlier call. */
    public record Submitted(JobEntity job, boolean created) {
    }

    @Inject
    HandlerRegistry registry;

    @Inject
    JobArguments arguments;

    @Inject
    JobStore store;

    @Inject
    JobLifecycle lifecycle;

    @Inject
    JobTypeStore typeSettings;

    @Inject
    DependencyStore dependencies;

    @Inject
    Tracing tracing;

    @Inject
    Clock clock;

    /** Parents one continuation may name. */
    private static final int MAX_PARENTS = 100;

    @Transactional
    public List<Submitted> submit(List<NewJob> requests) {
        return submit(requests, null);
    }

    /** As {@link #submit(List)}, every job in the batch {@code batch} (docs/workflows.md) unless it is null. */
    @Transactional
    public List<Submitted> submit(List<NewJob> requests, Long batch) {
        if (requests.isEmpty()) {
            throw new InvalidJobException("jobs", "at least one job is required");
        }
        if (requests.size() > MAX_BATCH) {
            throw new InvalidJobException("jobs", "at most " + MAX_BATCH + " jobs per batch");
        }
        List<JobEntity> prepared = new ArrayList<>(requests.size());
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.util.Map<String, Optional<JobTypeStore.Settings>> settings = new java.util.HashMap<>();
        String traceParent = tracing.currentTraceParent(); // one context for the whole call, not one per job
        for (int i = 0; i < requests.size(); i++) {
            String at = requests.size() > 1 ? "[" + i + "]." : "";
            prepared.add(prepare(requests.get(i), at, settings).withTraceParent(traceParent));
            if (batch != null) {
                prepared.get(i).joinBatch(batch);
            }
            String key = requests.get(i).idempotencyKey();
            if (key != null && !keys.add(key)) {
                throw new InvalidJobException(at + "idempotencyKey", "the same idempotency key twice in one batch");
            }
        }
        List<Submitted> result = new ArrayList<>(requests.size());
        List<JobEntity> fresh = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Optional<JobEntity> earlier = earlierJob(requests.get(i));
            if (earlier.isPresent()) {
                result.add(new Submitted(earlier.get(), false));
            } else {
                result.add(new Submitted(prepared.get(i), true));
                fresh.add(prepared.get(i));
            }
        }
        List<Integer> continuations = awaitParents(requests, prepared);
        if (!fresh.isEmpty()) {
            lifecycle.create(fresh);
        }
        for (int i : continuations) {
            if (result.get(i).created()) {
                NewJob request = requests.get(i);
                dependencies.insert(prepared.get(i).id(), request.after(), request.afterAny());
            }
        }
        return result;
    }

    /** Checks one submission and builds its row, with the caller's trace context; writes nothing. */
    public JobEntity prepare(NewJob request) {
        return prepare(request, "", new java.util.HashMap<>()).withTraceParent(tracing.currentTraceParent());
    }

    /** @param settings the types' settings read so far in this call: one read per type, not per job of a batch */
    private JobEntity prepare(NewJob request, String at, java.util.Map<String, Optional<JobTypeStore.Settings>> settings) {
        if (request.type() == null || request.type().isBlank()) {
            throw new InvalidJobException(at + "type", "type is required");
        }
        HandlerRegistry.Registration registration = registry.find(request.type())
                .orElseThrow(() -> new InvalidJobException(at + "type", "unknown job type '" + request.type()
                        + "'; known types: " + String.join(", ", registry.all().keySet())));
        prefixed(at, () -> arguments.read(registration.argsType(), request.args()));
        String queue = request.queueOrDefault();
        if (queue.length() > 100 || !queue.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidJobException(at + "queue", "queue must be 1-100 letters, digits, '.', '_' or '-'");
        }
        Integer maxAttempts = request.maxAttempts();
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT)) {
            throw new InvalidJobException(at + "maxAttempts", "maxAttempts must be between 1 and " + MAX_ATTEMPTS_LIMIT);
        }
        if (request.timeout() != null && !Timeouts.inRange(request.timeout())) {
            throw new InvalidJobException(at + "timeout", "timeout must be " + Timeouts.RULE + ", not "
                    + request.timeout());
        }
        Integer priority = request.priority();
        if (priority != null && (priority < NewJob.MIN_PRIORITY || priority > NewJob.MAX_PRIORITY)) {
            throw new InvalidJobException(at + "priority", "priority must be between " + NewJob.MIN_PRIORITY + " (lowest) and "
                    + NewJob.MAX_PRIORITY + " (highest), not " + priority);
        }
        if (request.runAt() != null && (request.runAt().isBefore(EARLIEST) || request.runAt().isAfter(LATEST))) {
            throw new InvalidJobException(at + "runAt", "runAt " + request.runAt() + " is outside what can be stored");
        }
        if (request.after().size() > MAX_PARENTS || request.after().stream().anyMatch(p -> p == null || p <= 0)) {
            throw new InvalidJobException(at + "after", "after must list 1-" + MAX_PARENTS + " job ids");
        }
        if (!request.after().isEmpty() && request.runAt() != null) {
            throw new InvalidJobException(at + "after", "a continuation runs when its parents end: no runAt or delay");
        }
        String key = request.idempotencyKey();
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw new InvalidJobException("Idempotency-Key", "Idempotency-Key must be 1-200 characters");
        }
        String args = request.args() == null || request.args().isBlank() ? "{}" : request.args();
        String mutexKey = registration.mutex() == null ? null : prefixed(at, () -> MutexKeys.keyOf(registration.mutex(), args));
        // What an admin set for the type (PUT /api/job-types) beats @JobType; the job's own values beat both.
        Optional<JobTypeStore.Settings> set = settings.computeIfAbsent(registration.type(), typeSettings::find);
        Integer typeAttempts = set.map(JobTypeStore.Settings::maxAttempts).orElse(null);
        Long typeTimeout = set.map(JobTypeStore.Settings::timeoutMs).orElse(null);
        return new JobEntity(registration.type(), queue, args,
                maxAttempts != null ? maxAttempts : typeAttempts != null ? typeAttempts : registration.maxAttempts(),
                request.timeout() != null ? Long.valueOf(request.timeout().toMillis()) : typeTimeout, key,
                request.submittedBy(),
                EngineClock.now(clock),
                request.runAt() == null ? null : request.runAt().atOffset(ZoneOffset.UTC))
                .withPriority(priority != null ? priority : registration.priority())
                .withMutexKey(mutexKey);
    }

    /** Runs a check of one job's args; a refusal names the field in the batch ("[3].args.accountId"). */
    private static <T> T prefixed(String at, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidJobException e) {
            throw new InvalidJobException(at + e.field(), e.getMessage());
        }
    }

    /**
     * Checks the parents of the continuations among {@code requests} (an unknown one refuses the whole call) and
     * makes each wait, unless all its parents already succeeded: then it is enqueued at once (docs/workflows.md).
     *
     * @return the indexes of the jobs that wait, whose parents are to be stored once they have ids
     */
    private List<Integer> awaitParents(List<NewJob> requests, List<JobEntity> prepared) {
        List<Integer> waiting = new ArrayList<>();
        java.util.Set<Long> all = new java.util.TreeSet<>();
        requests.forEach(r -> all.addAll(r.after()));
        if (all.isEmpty()) {
            return waiting;
        }
        java.util.Map<Long, JobState> states = dependencies.states(all);
        for (int i = 0; i < requests.size(); i++) {
            String at = requests.size() > 1 ? "[" + i + "]." : "";
            List<Long> after = requests.get(i).after();
            for (Long parent : after) {
                if (!states.containsKey(parent)) {
                    throw new InvalidJobException(at + "after", "unknown parent job " + parent);
                }
            }
            if (!after.isEmpty() && !after.stream().allMatch(p -> states.get(p) == JobState.SUCCEEDED)) {
                prepared.get(i).awaitParents();
                waiting.add(i);
            }
        }
        return waiting;
    }

    private Optional<JobEntity> earlierJob(NewJob request) {
        if (request.idempotencyKey() == null) {
            return Optional.empty();
        }
        String by = request.submittedBy() == null ? "" : request.submittedBy();
        store.lockIdempotencyKey(by, request.idempotencyKey());
        return store.findByIdempotencyKey(request.submittedBy(), request.idempotencyKey());
    }
}
