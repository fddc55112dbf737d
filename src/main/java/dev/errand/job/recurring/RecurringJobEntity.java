package dev.errand.job.recurring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A recurring job definition: which job to enqueue, and when (cron in a time zone). */
@Entity
@Table(name = "recurring_job", schema = "errand")
public class RecurringJobEntity {

    @Id
    private String id;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String args;

    @Column(nullable = false)
    private String cron;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "schedule_since", nullable = false)
    private OffsetDateTime scheduleSince;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "last_run")
    private OffsetDateTime lastRun;

    @Column(name = "last_job_id")
    private Long lastJobId;

    protected RecurringJobEntity() {
    }

    public RecurringJobEntity(String id, OffsetDateTime now) {
        this.id = id;
        this.createdAt = now;
    }

    /** @return whether the schedule (cron or zone) changed, which restarts it from {@code now} */
    public boolean define(String type, String args, CronSchedule schedule, OffsetDateTime now) {
        boolean rescheduled = !schedule.cron().equals(cron) || !schedule.zone().getId().equals(timeZone);
        this.type = type;
        this.args = args;
        this.cron = schedule.cron();
        this.timeZone = schedule.zone().getId();
        this.updatedAt = now;
        if (rescheduled) {
            this.scheduleSince = now;
        }
        return rescheduled;
    }

    public void ran(OffsetDateTime at, long jobId) {
        this.lastRun = at;
        this.lastJobId = jobId;
    }

    public CronSchedule schedule() {
        return CronSchedule.parse(cron, timeZone);
    }

    public String id() { return id; }
    public String type() { return type; }
    public String args() { return args; }
    public String cron() { return cron; }
    public String timeZone() { return timeZone; }
    public OffsetDateTime scheduleSince() { return scheduleSince; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }
    public OffsetDateTime lastRun() { return lastRun; }
    public Long lastJobId() { return lastJobId; }
}
