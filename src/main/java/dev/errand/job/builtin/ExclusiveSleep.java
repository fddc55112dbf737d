package dev.errand.job.builtin;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Sleeps like {@code errand.sleep}, but never two jobs of one {@code key} at once, on any node: the model of
 * {@code @JobType(mutex)} (docs/run-control.md "Mutex keys"). {@code key} is deliberately not {@code @NotNull}, so
 * that a job without it shows the mutex's own refusal. Only admins submit it over REST, as {@code errand.sleep}.
 */
@ApplicationScoped
@JobType(value = "errand.exclusive", mutex = "key", submitters = "admin")
public class ExclusiveSleep implements JobHandler<ExclusiveSleep.Args> {

    /** At most a minute: within the server's default transaction timeout, unlike {@code errand.sleep}'s hour. */
    public record Args(String key, @NotNull @Min(0) @Max(60_000) Long millis) {
    }

    @Inject
    Sleep sleep;

    @Override
    public void run(Args args, JobContext context) throws InterruptedException {
        sleep.run(new Sleep.Args(args.millis()), context);
    }
}
