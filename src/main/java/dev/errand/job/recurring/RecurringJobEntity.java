package dev.errand.job.recurring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

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

    @Column(name = "timer_set_at")
    private OffsetDateTime timerSetAt;

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

    /** A node created (or replaced) this definition's timer, in the transaction that holds the row's lock. */
    public void timerSet(OffsetDateTime now) {
        this.timerSetAt = now;
    }

    /**
     * Whether the definition's timer evidently is gone: a due instant before {@code before}, after its schedule
     * and its timer began, has no run. The database decides, not a node's view of the timer store, which can
     * lag behind another node's (WildFly) or show only its own timers (Payara).
     */
    public boolean missedRunBefore(Instant before) {
        Optional<Instant> due = schedule().lastBefore(before);
        if (due.isEmpty() || timerSetAt == null || due.get().isBefore(scheduleSince.toInstant())
                || due.get().isBefore(timerSetAt.toInstant())) {
            return false;
        }
        return lastRun == null || lastRun.toInstant().isBefore(due.get());
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
    public OffsetDateTime timerSetAt() { return timerSetAt; }
}
