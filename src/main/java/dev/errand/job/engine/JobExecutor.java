package dev.errand.job.engine;

import dev.errand.job.JobHandler;
import dev.errand.job.store.JobEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
    Clock clock;

    public void execute(List<JobRef> refs) {
        List<Attempt> claimed = lifecycle.start(refs);
        if (claimed.isEmpty()) {
            return;
        }
        List<Attempt> outcomes = new ArrayList<>(claimed.size());
        for (Attempt attempt : claimed) {
            outcomes.add(run(attempt));
        }
        List<JobEntity> retries = lifecycle.finish(outcomes);
        if (!retries.isEmpty()) {
            dispatcher.dispatch(retries, EngineClock.now(clock));
        }
    }

    private Attempt run(Attempt attempt) {
        RunningJob context = running.begin(attempt.jobId(), attempt.number(), attempt.type());
        try {
            HandlerRegistry.Registration registration = registry.find(attempt.type())
                    .orElseThrow(() -> new IllegalStateException("no handler for job type '" + attempt.type()
                            + "' is deployed on this server"));
            Object args = arguments.read(registration.argsType(), attempt.args());
            Instance.Handle<JobHandler<Object>> handler = registry.handle(registration);
            try {
                invoker.invoke(handler.get(), args, context, registration.transactionTimeout());
            } finally {
                handler.destroy();
            }
            return attempt.succeeded();
        } catch (Exception | LinkageError | AssertionError e) {
            return attempt.failed(e);
        } finally {
            running.end(context);
        }
    }
}
