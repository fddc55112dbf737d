package dev.errand.job.engine;

import dev.errand.job.JobHandler;
import dev.errand.job.store.JobEntity;
import dev.errand.job.timing.Stage;
import dev.errand.job.timing.StageTimes;
import dev.errand.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the jobs of one message: claim them all (one transaction), run each handler (one transaction each),
 * record all outcomes (one transaction), then send the retries' messages. A crash anywhere leaves the message
 * unacknowledged, so the broker delivers it again and {@link JobLifecycle#start} sorts out what already happened;
 * a retry whose message a crash lost after its outcome committed is sent again by {@link Recovery}.
 */
@ApplicationScoped
public class JobExecutor {

    @Inject
    JobLifecycle lifecycle;

    @Inject
    HandlerRegistry registry;

    @Inject
    JobArguments arguments;

    @Inject
    HandlerInvoker invoker;

    @Inject
    RunningJobs running;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    JournalWriter journal;

    @Inject
    RunTimes runTimes;

    @Inject
    Tracing tracing;

    @Inject
    Clock clock;

    /** @param arrived when the message was delivered ({@link System#nanoTime()}) */
    public void execute(List<JobRef> refs, long arrived) {
        long claiming = System.nanoTime();
        JobLifecycle.Claimed claim = lifecycle.start(refs);
        StageTimes.since(Stage.CLAIM, claiming);
        if (!claim.toSend().isEmpty()) {
            dispatcher.dispatch(claim.toSend(), EngineClock.now(clock)); // held by a rate limit, or released
        }
        List<Attempt> claimed = claim.attempts();
        if (claimed.isEmpty()) {
            return;
        }
        StageTimes.since(Stage.HANDLER_START, arrived);
        List<Attempt> outcomes = new ArrayList<>(claimed.size());
        for (Attempt attempt : claimed) {
            long started = System.nanoTime();
            outcomes.add(run(attempt));
            runTimes.record(attempt.type(), StageTimes.since(Stage.HANDLER, started));
        }
        long finishing = System.nanoTime();
        List<JobEntity> retries = lifecycle.finish(outcomes);
        StageTimes.since(Stage.OUTCOME, finishing);
        if (!retries.isEmpty()) {
            dispatcher.dispatch(retries, EngineClock.now(clock));
        }
    }

    /** Runs one attempt inside its span (docs/tracing.md): current while the handler runs, failed if it failed. */
    private Attempt run(Attempt attempt) {
        Span span = tracing.startAttempt(attempt.traceParent(), attempt.type(), attempt.jobId(), attempt.number());
        try (Scope ignored = span.makeCurrent()) {
            Attempt outcome = runHandler(attempt);
            if (!outcome.isSuccess()) {
                span.recordException(outcome.failure());
                span.setStatus(StatusCode.ERROR, String.valueOf(outcome.failure().getMessage()));
            }
            return outcome;
        } finally {
            span.end();
        }
    }

    private Attempt runHandler(Attempt attempt) {
        Optional<HandlerRegistry.Registration> found = registry.find(attempt.type());
        Duration timeout = timeout(attempt, found);
        RunningJob context = running.begin(attempt.jobId(), attempt.dispatch(), attempt.number(), attempt.type(),
                timeout);
        try {
            HandlerRegistry.Registration registration = found
                    .orElseThrow(() -> new IllegalStateException("no handler for job type '" + attempt.type()
                            + "' is deployed on this server"));
            Object args = arguments.read(registration.argsType(), attempt.args());
            Instance.Handle<JobHandler<Object>> handler = registry.handle(registration);
            try {
                invoker.invoke(handler.get(), args, context, transactionTimeout(registration, timeout));
            } finally {
                handler.destroy();
            }
            return attempt.succeeded();
        } catch (Exception | LinkageError | AssertionError e) {
            AttemptTimedOut timedOut = context.timedOut();
            return attempt.failed(timedOut != null ? timedOut : e); // the interrupt's exception is its consequence
        } finally {
            running.end(context);
            journal.finish(context);
        }
    }

    /**
     * The run's transaction outlives its attempt's timeout, so the interrupt (a failure recorded as "timed out")
     * strikes first, not the transaction reaper; otherwise the type's own transaction timeout, if any.
     */
    private static int transactionTimeout(HandlerRegistry.Registration registration, Duration timeout) {
        int seconds = registration.transactionTimeout();
        return timeout == null ? seconds : Math.max(seconds, (int) Math.min(Integer.MAX_VALUE - 5, timeout.toSeconds()) + 5);
    }

    /** The job's own timeout, else its type's; {@code null}: none. */
    private static Duration timeout(Attempt attempt, Optional<HandlerRegistry.Registration> registration) {
        if (attempt.timeoutMs() != null) {
            return Duration.ofMillis(attempt.timeoutMs());
        }
        return registration.map(HandlerRegistry.Registration::timeout).orElse(null);
    }
}
