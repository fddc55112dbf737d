package dev.errand.job.store;

import dev.errand.job.JobState;
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
 * A job row. State fields are written only through {@link #moveTo}, which {@code JobLifecycle} alone calls,
 * so every change of state goes through the one place that also records its history event.
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

    @Column(name = "error")
    private String error;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "submitted_by")
    private String submittedBy;

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

    /** The same submission as a fresh row, for another try after the transaction that held this one failed. */
    public JobEntity copyForRetry() {
        return new JobEntity(type, queue, args, maxAttempts, idempotencyKey, submittedBy, createdAt, scheduledAt);
    }

    /** The single writer of the job's state; see {@code JobLifecycle}. */
    public void moveTo(JobState next, OffsetDateTime at) {
        this.state = next;
        this.updatedAt = at;
    }

    public void beginAttempt(String server, OffsetDateTime at) {
        attempt++;
        serverId = server;
        startedAt = at;
        finishedAt = null;
    }

    public void finish(OffsetDateTime at, String errorSummary) {
        finishedAt = at;
        error = errorSummary;
    }

    public void scheduleAt(OffsetDateTime at) {
        scheduledAt = at;
    }

    public void restartAttempts() {
        attempt = 0;
        error = null;
        finishedAt = null;
        startedAt = null;
    }

    public int nextDispatch() {
        return ++dispatch;
    }

    public void recordError(String summary) {
        error = summary;
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
    public String error() { return error; }
    public String idempotencyKey() { return idempotencyKey; }
    public String submittedBy() { return submittedBy; }
}
