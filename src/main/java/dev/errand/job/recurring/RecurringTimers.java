package dev.errand.job.recurring;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.NoMoreTimeoutsException;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The persistent calendar timers of recurring jobs, one per definition cluster-wide (info = the recurring job's
 * id), kept in the server's timer store (PostgreSQL). {@link RecurringJobs#define} creates them; reconciled
 * against the definitions at every start: a timer's identity is the deployment and this bean's name, so a
 * renamed WAR or bean, or a timer store that lost rows, would otherwise leave definitions that never fire or
 * timers that fire for nothing. A node's view of the timer store may lag behind another node's new timer
 * (WildFly refreshes it periodically) or hold only its own timers (Payara), so a start creates a timer only
 * for a definition whose runs the database shows missing ({@link RecurringJobEntity#missedRunBefore}).
 */
@Singleton
@Startup
@DependsOn("Schema")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RecurringTimers {

    private static final Logger LOG = Logger.getLogger(RecurringTimers.class.getName());

    /** How late a run may be before its timer counts as lost (a catch-up at start fires within this). */
    private static final Duration MISSED_GRACE = Duration.ofMinutes(2);

    @Resource
    TimerService timerService;

    @Inject
    RecurringJobStore store;

    @Inject
    RecurringRuns runs;

    @PostConstruct
    void reconcile() {
        store.lockDefinitions();
        Map<String, List<Timer>> timers = timersById();
        int created = 0;
        int cancelled = 0;
        for (RecurringJobEntity job : store.all()) {
            // the same order on every node (WildFly's timers name their id), so that nodes reconciling one after
            // another keep the same timer of a duplicated pair
            List<Timer> own = timers.getOrDefault(job.id(), List.of()).stream()
                    .sorted(java.util.Comparator.comparing(String::valueOf)).toList();
            timers.remove(job.id());
            CronSchedule schedule = job.schedule();
            ScheduleExpression expected = schedule.toScheduleExpression();
            Optional<Instant> due = schedule.nextAfter(Instant.now());
            List<Timer> kept = new ArrayList<>();
            boolean calendar = false;
            for (Timer timer : own) {
                if (!calendar && matches(timer, expected)) {
                    calendar = true;
                    kept.add(timer);
                } else if (!isCalendar(timer) && due.isPresent() && firesAt(timer, due.get())) {
                    kept.add(timer); // a bridge to the next due instant
                } else {
                    cancelled += cancel(timer);
                }
            }
            if (!calendar && job.missedRunBefore(Instant.now().minus(MISSED_GRACE))) {
                kept.add(create(job.id(), schedule));
                job.timerSet(RecurringRuns.now());
                created++;
            } else if (!calendar) {
                LOG.fine(() -> "Recurring job '" + job.id() + "': no timer in this node's view, but it runs: another node's");
            }
            bridge(job.id(), schedule, kept);
        }
        for (List<Timer> orphans : timers.values()) {
            for (Timer orphan : orphans) {
                cancelled += cancel(orphan);
            }
        }
        int made = created;
        int dropped = cancelled;
        LOG.info(() -> "Recurring job timers reconciled: " + made + " created, " + dropped + " cancelled");
    }

    /** Replaces the definition's timer (in the caller's transaction: a rollback keeps the old one). */
    public void replace(String id, CronSchedule schedule) {
        cancel(id);
        bridge(id, schedule, List.of(create(id, schedule)));
    }

    public void cancel(String id) {
        for (Timer timer : timersById().getOrDefault(id, List.of())) {
            cancel(timer);
        }
    }

    @Timeout
    void fire(Timer timer) {
        String id;
        try {
            id = (String) timer.getInfo();
        } catch (NoSuchObjectLocalException e) {
            return; // cancelled meanwhile
        }
        Optional<RecurringJobEntity> definition = store.find(id);
        if (definition.isPresent() && isCalendar(timer)
                && !matches(timer, definition.get().schedule().toScheduleExpression())) {
            // a node replaced the schedule but could not see this timer to cancel it (another node's, on Payara)
            LOG.info(() -> "Timer for recurring job '" + id + "' fired on a replaced schedule: timer cancelled");
            cancel(timer);
            return;
        }
        RecurringRuns.Outcome outcome = runs.runDue(id, Instant.now());
        if (outcome == RecurringRuns.Outcome.UNDEFINED) {
            LOG.warning(() -> "Timer for recurring job '" + id + "' fired but the job is not defined: timer cancelled");
            cancel(timer);
            return;
        }
        store.find(id).ifPresent(job -> bridge(id, job.schedule(), timersById().getOrDefault(id, List.of())));
    }

    private Timer create(String id, CronSchedule schedule) {
        return timerService.createCalendarTimer(schedule.toScheduleExpression(), new TimerConfig(id, true));
    }

    /**
     * Makes sure a timer fires at the next due instant. The container's calendar arithmetic can choose another
     * moment than cron-utils for a wall time inside the hour that daylight saving time skips or repeats (WildFly
     * fires 02:30 of the day Berlin's clocks go back at its second occurrence when it computes from far ahead);
     * then a persistent single-action timer fires at the due instant, and the calendar timer's own firing finds
     * that instant already run. Checked whenever a timer is created and after every firing. Only for a calendar timer
     * in this node's view: without one the definition's timer is another node's (Payara shows each server only its
     * own; WildFly's view may lag), which bridges for itself; a bridge here added a timer at every start of a Payara
     * node in a mixed cluster (docs/cluster.md#a-mixed-cluster).
     */
    private void bridge(String id, CronSchedule schedule, List<Timer> timers) {
        if (timers.stream().noneMatch(RecurringTimers::isCalendar)) {
            return;
        }
        Instant now = Instant.now();
        if (timers.stream().anyMatch(t -> isCalendar(t) && firesBefore(t, now))) {
            return; // overdue after downtime: it fires at once to catch up, and this is checked again then
        }
        Optional<Instant> due = schedule.nextAfter(now);
        if (due.isEmpty() || timers.stream().anyMatch(t -> firesAt(t, due.get()))) {
            return;
        }
        timerService.createSingleActionTimer(Date.from(due.get()), new TimerConfig(id, true));
        LOG.info(() -> "Recurring job '" + id + "': the calendar timer will not fire at " + due.get()
                + " (a daylight saving time change); a single-action timer will");
    }

    private static boolean firesAt(Timer timer, Instant at) {
        try {
            return timer.getNextTimeout().toInstant().equals(at);
        } catch (NoSuchObjectLocalException | NoMoreTimeoutsException | IllegalStateException e) {
            return false;
        }
    }

    private static boolean firesBefore(Timer timer, Instant at) {
        try {
            return timer.getNextTimeout().toInstant().isBefore(at);
        } catch (NoSuchObjectLocalException | NoMoreTimeoutsException | IllegalStateException e) {
            return false;
        }
    }

    private static boolean isCalendar(Timer timer) {
        try {
            return timer.isCalendarTimer();
        } catch (NoSuchObjectLocalException | IllegalStateException e) {
            return false;
        }
    }

    private Map<String, List<Timer>> timersById() {
        Map<String, List<Timer>> byId = new HashMap<>();
        for (Timer timer : timerService.getTimers()) {
            try {
                if (timer.getInfo() instanceof String id) {
                    byId.computeIfAbsent(id, k -> new ArrayList<>()).add(timer);
                }
            } catch (NoSuchObjectLocalException e) {
                // expired or cancelled while we looked (WildFly may throw here): nothing to reconcile
            }
        }
        return byId;
    }

    private static boolean matches(Timer timer, ScheduleExpression expected) {
        try {
            ScheduleExpression actual = timer.getSchedule();
            return timer.isPersistent() && timer.isCalendarTimer()
                    && Objects.equals(actual.getSecond(), expected.getSecond())
                    && Objects.equals(actual.getMinute(), expected.getMinute())
                    && Objects.equals(actual.getHour(), expected.getHour())
                    && Objects.equals(actual.getDayOfMonth(), expected.getDayOfMonth())
                    && Objects.equals(actual.getMonth(), expected.getMonth())
                    && Objects.equals(actual.getDayOfWeek(), expected.getDayOfWeek())
                    && Objects.equals(actual.getTimezone(), expected.getTimezone());
        } catch (NoSuchObjectLocalException e) {
            return false;
        }
    }

    private static int cancel(Timer timer) {
        try {
            timer.cancel();
            return 1;
        } catch (NoSuchObjectLocalException e) {
            return 0;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not cancel a recurring job timer", e);
            return 0;
        }
    }
}
