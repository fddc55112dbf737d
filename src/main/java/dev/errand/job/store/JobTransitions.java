package dev.errand.job.store;

import dev.errand.job.JobState;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.errand.job.JobState.AWAITING;
import static dev.errand.job.JobState.DELETED;
import static dev.errand.job.JobState.ENQUEUED;
import static dev.errand.job.JobState.FAILED;
import static dev.errand.job.JobState.PROCESSING;
import static dev.errand.job.JobState.SCHEDULED;
import static dev.errand.job.JobState.SUCCEEDED;
import static dev.errand.job.store.JobTransitions.Trigger.ATTEMPT_FAILED;
import static dev.errand.job.store.JobTransitions.Trigger.ATTEMPT_INTERRUPTED;
import static dev.errand.job.store.JobTransitions.Trigger.ATTEMPT_SUCCEEDED;
import static dev.errand.job.store.JobTransitions.Trigger.CLAIMED;
import static dev.errand.job.store.JobTransitions.Trigger.DEAD_LETTERED;
import static dev.errand.job.store.JobTransitions.Trigger.DEAD_LETTER_RESENT;
import static dev.errand.job.store.JobTransitions.Trigger.LIMIT_RELEASED;
import static dev.errand.job.store.JobTransitions.Trigger.MESSAGE_LOST;
import static dev.errand.job.store.JobTransitions.Trigger.PARENTS_DONE;
import static dev.errand.job.store.JobTransitions.Trigger.PARENT_FAILED;
import static dev.errand.job.store.JobTransitions.Trigger.PARENT_REQUEUED;
import static dev.errand.job.store.JobTransitions.Trigger.QUEUE_RESUMED;
import static dev.errand.job.store.JobTransitions.Trigger.RATE_LIMITED;
import static dev.errand.job.store.JobTransitions.Trigger.SERVER_LOST;
import static dev.errand.job.store.JobTransitions.Trigger.SUBMITTED;
import static dev.errand.job.store.JobTransitions.Trigger.USER_DELETED;
import static dev.errand.job.store.JobTransitions.Trigger.USER_REQUEUED;

/**
 * The job state machine as one table: every legal change of state and the trigger that makes it. Nothing else
 * states these rules: {@link JobEntity} checks each change against the table, and the set-based UPDATEs of
 * {@link JobStore} take their {@code WHERE state IN (...)} from {@link #sourcesOf}.
 */
public final class JobTransitions {

    /** Why a job changes state. The trigger says what happened; where the job goes may depend on its attempts. */
    public enum Trigger {
        /** Stored by a submission: ENQUEUED, or SCHEDULED when it runs later. */
        SUBMITTED("submitted"),
        /** Its message arrived: the next attempt starts. */
        CLAIMED("claimed"),
        ATTEMPT_SUCCEEDED("marked succeeded"),
        /** The handler threw: a retry is scheduled, or the job fails (permanent failure, no attempts left). */
        ATTEMPT_FAILED("marked failed"),
        /** The message of an attempt that did not end came back (a crash): the next attempt, or none left. */
        ATTEMPT_INTERRUPTED("resumed after an interruption"),
        /** Its server stopped heartbeating during the attempt: enqueued for another server, or none left. */
        SERVER_LOST("recovered from a lost server"),
        /** It waited too long without starting; its message is presumed lost and sent again. */
        MESSAGE_LOST("sent again"),
        /** Its queue was resumed after a pause held it: its message is sent again (docs/run-control.md). */
        QUEUE_RESUMED("released from a paused queue"),
        /**
         * A slot of its type's concurrency limit, or its mutex key, freed: its message is sent again
         * (docs/run-control.md).
         */
        LIMIT_RELEASED("released by its type's limit"),
        /** Its type's rate limit was reached: its message is sent again, delayed until a slot opens. */
        RATE_LIMITED("deferred by its type's rate limit"),
        /**
         * The broker gave up delivering its message before any attempt started: the message is sent again, the job
         * keeps its state and due time (docs/DESIGN.md §4, "Dead letters of a job that never started").
         */
        DEAD_LETTER_RESENT("sent again after a dead letter"),
        /** The broker gave up delivering its message. */
        DEAD_LETTERED("dead-lettered"),
        /** A user asked for a fresh series of attempts. */
        USER_REQUEUED("requeued"),
        /** A user deleted it. */
        USER_DELETED("deleted"),
        /** Its parents ended as it waited for (docs/workflows.md): it is enqueued. */
        PARENTS_DONE("released"),
        /** A parent it waited for ended FAILED or DELETED: it ends DELETED, naming the parent. */
        PARENT_FAILED("deleted for its parent"),
        /** The parent whose failure deleted it was requeued: it waits again. */
        PARENT_REQUEUED("awaiting again");

        private final String verb;

        Trigger(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }

    /** @param from {@code null} for a job that is being created */
    public record Transition(JobState from, JobState to, Trigger trigger) {
        @Override
        public String toString() {
            return (from == null ? "(new)" : from) + " -" + trigger + "-> " + to;
        }
    }

    /**
     * The table. AWAITING holds a continuation until its parents end (docs/workflows.md).
     */
    private static final List<Transition> TABLE = List.of(
            //             from        to          trigger
            new Transition(null,       ENQUEUED,   SUBMITTED),
            new Transition(null,       SCHEDULED,  SUBMITTED),
            new Transition(null,       AWAITING,   SUBMITTED),

            new Transition(ENQUEUED,   PROCESSING, CLAIMED),
            new Transition(ENQUEUED,   ENQUEUED,   MESSAGE_LOST),
            new Transition(ENQUEUED,   ENQUEUED,   QUEUE_RESUMED),
            new Transition(ENQUEUED,   ENQUEUED,   LIMIT_RELEASED),
            new Transition(ENQUEUED,   ENQUEUED,   RATE_LIMITED),
            new Transition(ENQUEUED,   ENQUEUED,   DEAD_LETTER_RESENT),
            new Transition(ENQUEUED,   FAILED,     DEAD_LETTERED),
            new Transition(ENQUEUED,   DELETED,    USER_DELETED),

            new Transition(SCHEDULED,  PROCESSING, CLAIMED),
            new Transition(SCHEDULED,  ENQUEUED,   MESSAGE_LOST),
            new Transition(SCHEDULED,  ENQUEUED,   QUEUE_RESUMED),
            new Transition(SCHEDULED,  ENQUEUED,   LIMIT_RELEASED),
            new Transition(SCHEDULED,  ENQUEUED,   RATE_LIMITED),
            new Transition(SCHEDULED,  SCHEDULED,  DEAD_LETTER_RESENT),
            new Transition(SCHEDULED,  FAILED,     DEAD_LETTERED),
            new Transition(SCHEDULED,  DELETED,    USER_DELETED),

            new Transition(AWAITING,   ENQUEUED,   PARENTS_DONE),
            new Transition(AWAITING,   DELETED,    PARENT_FAILED),
            new Transition(AWAITING,   DELETED,    USER_DELETED),

            new Transition(PROCESSING, SUCCEEDED,  ATTEMPT_SUCCEEDED),
            new Transition(PROCESSING, SCHEDULED,  ATTEMPT_FAILED),
            new Transition(PROCESSING, FAILED,     ATTEMPT_FAILED),
            new Transition(PROCESSING, PROCESSING, ATTEMPT_INTERRUPTED),
            new Transition(PROCESSING, FAILED,     ATTEMPT_INTERRUPTED),
            new Transition(PROCESSING, ENQUEUED,   SERVER_LOST),
            new Transition(PROCESSING, FAILED,     SERVER_LOST),
            new Transition(PROCESSING, FAILED,     DEAD_LETTERED),
            new Transition(PROCESSING, DELETED,    USER_DELETED),

            new Transition(SUCCEEDED,  ENQUEUED,   USER_REQUEUED),
            new Transition(SUCCEEDED,  DELETED,    USER_DELETED),

            new Transition(FAILED,     ENQUEUED,   USER_REQUEUED),
            new Transition(FAILED,     DELETED,    USER_DELETED),

            new Transition(DELETED,    ENQUEUED,   USER_REQUEUED),
            new Transition(DELETED,    AWAITING,   PARENT_REQUEUED));

    private static final Set<Transition> ALLOWED = Set.copyOf(TABLE);

    private JobTransitions() {
    }

    /** Every legal transition, in the order of the table. */
    public static List<Transition> all() {
        return TABLE;
    }

    public static boolean allows(JobState from, JobState to, Trigger trigger) {
        return ALLOWED.contains(new Transition(from, to, trigger));
    }

    /** The states a job may be in for {@code trigger} to move it to {@code to}: a set-based UPDATE's WHERE. */
    public static Set<JobState> sourcesOf(JobState to, Trigger trigger) {
        Set<JobState> sources = EnumSet.noneOf(JobState.class);
        for (Transition t : TABLE) {
            if (t.to == to && t.trigger == trigger && t.from != null) {
                sources.add(t.from);
            }
        }
        return Collections.unmodifiableSet(sources);
    }

    /** @throws IllegalTransitionException unless the table allows the change */
    public static void check(long jobId, JobState from, JobState to, Trigger trigger) {
        if (!allows(from, to, trigger)) {
            throw new IllegalTransitionException(jobId, new Transition(from, to, trigger), describe(from, to, trigger));
        }
    }

    private static String describe(JobState from, JobState to, Trigger trigger) {
        Set<JobState> sources = sourcesOf(to, trigger);
        String allowed = sources.isEmpty() ? "it never leads to " + to
                : "only " + sources.stream().map(Enum::name).collect(Collectors.joining(", ")) + " ones can";
        return "a " + (from == null ? "new" : from) + " job cannot be " + trigger.verb() + " (to " + to + "); " + allowed;
    }
}
