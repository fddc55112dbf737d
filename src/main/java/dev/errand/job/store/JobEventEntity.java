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

/** One line of a job's history: a state it entered, when, where and why. Never updated. */
@Entity
@Table(name = "job_event", schema = "errand")
public class JobEventEntity {

    @Id
    @SequenceGenerator(name = "job_event_id", schema = "errand", sequenceName = "job_event_id_seq", allocationSize = 1000)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "job_event_id")
    private long id;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(nullable = false)
    private OffsetDateTime at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobState state;

    private int attempt;

    @Column(name = "server_id")
    private String serverId;

    @Column(name = "server_instance")
    private String serverInstance;

    private String reason;

    private String exception;

    protected JobEventEntity() {
    }

    public JobEventEntity(long jobId, OffsetDateTime at, JobState state, int attempt, String serverId,
                          String serverInstance, String reason, String exception) {
        this.jobId = jobId;
        this.at = at;
        this.state = state;
        this.attempt = attempt;
        this.serverId = serverId;
        this.serverInstance = serverInstance;
        this.reason = reason;
        this.exception = exception;
    }

    public long id() { return id; }
    public long jobId() { return jobId; }
    public OffsetDateTime at() { return at; }
    public JobState state() { return state; }
    public int attempt() { return attempt; }
    public String serverId() { return serverId; }
    public String serverInstance() { return serverInstance; }
    public String reason() { return reason; }
    public String exception() { return exception; }
}
