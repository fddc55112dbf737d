package dev.errand.job.store;

import dev.errand.job.JobState;
import dev.errand.job.NewJob;
import dev.errand.job.store.JobTransitions.Trigger;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A job row, and the guard of its state: every method that changes it is a transition that
 * {@link JobTransitions} allows, or it throws {@link IllegalTransitionException} and changes nothing.
 * {@code JobLifecycle} calls them and records each change's history event in the same transaction.
 */
@Entity
@Table(name = "job", schema = "errand")
public class JobEntity {

    @Id
    @SequenceGenerator(name = "job_id", schema = "errand", sequenceName = "job_id_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "job_id")
    private long id;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String queue;

    @Column(nullable = false)
    private String args;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobState state;

    private int attempt;

    @Column(name = "max_attempts")
    private int maxAttempts;

    /** Counts the messages sent for this job; a message carrying an older number is stale and ignored. */
    private int dispatch;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "scheduled_at")
    private OffsetDateTime scheduledAt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "server_id")
    private String serverId;

    @Column(name = "server_instance")
    private String serverInstance;

    @Column(name = "error")
    private String error;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "submitted_by")
    private String submittedBy;

    /** The job's own limit on an attempt's run time; {@code null}: its type's, if any (docs/run-control.md). */
    @Column(name = "timeout_ms")
    private Long timeoutMs;

    /** The batch it belongs to (docs/workflows.md); {@code null} for most jobs. */
    @Column(name = "batch_id")
    private Long batchId;

    /** Set before it is stored: it waits in AWAITING for parents (docs/workflows.md). */
    @jakarta.persistence.Transient
    private boolean awaiting;

    /** 0 (lowest) to 9 (highest): the JMS priority of the job's messages (docs/run-control.md). */
    @Column(name = "priority")
    private int priority = NewJob.DEFAULT_PRIORITY;

    /** The W3C traceparent current at submission: each attempt's span is its child (docs/tracing.md). */
    @Column(name = "trace_parent")
    private String traceParent;

    /** Its type's @JobType(mutex) member's value, computed at submission; null: no mutex (docs/run-control.md). */
    @Column(name = "mutex_key")
    private String mutexKey;

    protected JobEntity() {
    }

    public JobEntity(String type, String queue, String args, int maxAttempts, String idempotencyKey,
                     String submittedBy, OffsetDateTime now, OffsetDateTime runAt) {
        this.scheduledAt = runAt;
        this.type = type;
        this.queue = queue;
        this.args = args;
        this.maxAttempts = maxAttempts;
        this.idempotencyKey = idempotencyKey;
        this.submittedBy = submittedBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public JobEntity(String type, String queue, String args, int maxAttempts, Long timeoutMs, String idempotencyKey,
                     String submittedBy, OffsetDateTime now, OffsetDateTime runAt) {
        this(type, queue, args, maxAttempts, idempotencyKey, submittedBy, now, runAt);
        this.timeoutMs = timeoutMs;
    }

    /** The same submission as a fresh row, for another try after the transaction that held this one failed. */
    public JobEntity copyForRetry() {
        JobEntity copy = new JobEntity(type, queue, args, maxAttempts, timeoutMs, idempotencyKey, submittedBy, createdAt,
                scheduledAt).withPriority(priority);
        copy.awaiting = awaiting;
        copy.batchId = batchId;
        copy.traceParent = traceParent;
        copy.mutexKey = mutexKey;
        return copy;
    }

    /** Sets the trace context of a job not yet stored; {@code null}: none. */
    public JobEntity withTraceParent(String value) {
        this.traceParent = value;
        return this;
    }

    /** Sets the mutex key of a job not yet stored; {@code null}: none. */
    public JobEntity withMutexKey(String value) {
        this.mutexKey = value;
        return this;
    }

    /** Sets the priority of a job not yet stored. */
    public JobEntity withPriority(int value) {
        this.priority = value;
        return this;
    }

    /**
     * Stores the new job as ENQUEUED, or SCHEDULED when it should run after {@code now}, and numbers its first
     * message.
     */
    public JobState submit(OffsetDateTime now) {
        if (awaiting) {
            enter(JobState.AWAITING, Trigger.SUBMITTED, now); // no message until its parents release it
            return state;
        }
        boolean later = scheduledAt != null && scheduledAt.isAfter(now);
        if (!later) {
            scheduledAt = null;
        }
        enter(later ? JobState.SCHEDULED : JobState.ENQUEUED, Trigger.SUBMITTED, now);
        dispatch++;
        return state;
    }

    /** The message of an interrupted attempt came back: the next attempt starts here. */
    public void resumeAfterInterruption(String node, String instance, OffsetDateTime now) {
        enter(JobState.PROCESSING, Trigger.ATTEMPT_INTERRUPTED, now);
        attempt++;
        serverId = node;
        serverInstance = instance;
        startedAt = now;
        finishedAt = null;
    }

    /** The attempt failed and another one runs at {@code retryAt}, under a new message. */
    public void scheduleRetry(OffsetDateTime retryAt, String errorSummary, OffsetDateTime now) {
        enter(JobState.SCHEDULED, Trigger.ATTEMPT_FAILED, now);
        error = errorSummary;
        scheduledAt = retryAt;
        dispatch++;
    }

    /** The job ends FAILED: no attempts left, a permanent failure, or the broker gave up on it. */
    public void fail(Trigger trigger, String errorSummary, OffsetDateTime now) {
        enter(JobState.FAILED, trigger, now);
        finishedAt = now;
        error = errorSummary;
    }

    /**
     * Back to ENQUEUED under a new message, so a late copy of the old one is stale: its message was lost
     * ({@link Trigger#MESSAGE_LOST}), its server was ({@link Trigger#SERVER_LOST}), or a paused queue held it
     * ({@link Trigger#QUEUE_RESUMED}).
     */
    public void enqueueAgain(Trigger trigger, OffsetDateTime now) {
        enter(JobState.ENQUEUED, trigger, now);
        scheduledAt = null;
        dispatch++;
    }

    /**
     * ENQUEUED under a new message delivered {@code at}: its type's rate limit deferred it
     * ({@link Trigger#RATE_LIMITED}, docs/run-control.md); it is due again then.
     */
    public void deferUntil(OffsetDateTime at, OffsetDateTime now) {
        enter(JobState.ENQUEUED, Trigger.RATE_LIMITED, now);
        scheduledAt = at;
        dispatch++;
    }

    /** Its message is sent again under a new dispatch number; state and due time stay. */
    public void resend(Trigger trigger, OffsetDateTime now) {
        enter(state, trigger, now);
        dispatch++;
    }

    /** A finished job starts over: ENQUEUED with a fresh series of attempts. */
    public void requeue(OffsetDateTime now) {
        enter(JobState.ENQUEUED, Trigger.USER_REQUEUED, now);
        attempt = 0;
        error = null;
        startedAt = null;
        finishedAt = null;
        scheduledAt = null;
        dispatch++;
    }

    /** DELETED: it never starts again; the error of its last attempt stays. */
    public void delete(OffsetDateTime now) {
        enter(JobState.DELETED, Trigger.USER_DELETED, now);
        finishedAt = now;
    }

    /** Before it is stored: it waits for parents instead of being enqueued; and the batch it belongs to. */
    public void awaitParents() {
        awaiting = true;
    }

    public void joinBatch(long batch) {
        batchId = batch;
    }

    /** AWAITING → ENQUEUED: its parents ended as it waited for; its first message is numbered. */
    public void release(OffsetDateTime now) {
        enter(JobState.ENQUEUED, Trigger.PARENTS_DONE, now);
        scheduledAt = null;
        dispatch++;
    }

    /** AWAITING → DELETED: a parent did not succeed; {@code reason} names it. */
    public void deleteForParent(String reason, OffsetDateTime now) {
        enter(JobState.DELETED, Trigger.PARENT_FAILED, now);
        finishedAt = now;
        error = reason;
    }

    /** DELETED → AWAITING: the parent whose failure deleted it was requeued. */
    public void awaitAgain(OffsetDateTime now) {
        enter(JobState.AWAITING, Trigger.PARENT_REQUEUED, now);
        finishedAt = null;
        error = null;
    }

    public boolean hasAttemptsLeft() {
        return attempt < maxAttempts;
    }

    /** The one place where {@code state} changes on the entity; {@link JobStore}'s bulk writes check the same table. */
    private void enter(JobState next, Trigger trigger, OffsetDateTime at) {
        JobTransitions.check(id, state, next, trigger);
        state = next;
        updatedAt = at;
    }

    public long id() { return id; }
    public String type() { return type; }
    public String queue() { return queue; }
    public String args() { return args; }
    public JobState state() { return state; }
    public int attempt() { return attempt; }
    public int maxAttempts() { return maxAttempts; }
    public int dispatch() { return dispatch; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime scheduledAt() { return scheduledAt; }
    public OffsetDateTime startedAt() { return startedAt; }
    public OffsetDateTime finishedAt() { return finishedAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }
    public String serverId() { return serverId; }
    /** The running instance of node {@link #serverId()} that runs or ran the attempt (orphan recovery's key). */
    public String serverInstance() { return serverInstance; }
    public String error() { return error; }
    public String idempotencyKey() { return idempotencyKey; }
    public String submittedBy() { return submittedBy; }
    public Long timeoutMs() { return timeoutMs; }
    public Long batchId() { return batchId; }
    public int priority() { return priority; }

    public String traceParent() { return traceParent; }
    public String mutexKey() { return mutexKey; }
}
