package dev.errand.job.builtin;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Waits {@code millis}, stopping early when the job is deleted: a stand-in for slow work. Only admins submit it over
 * REST: a handful of hour-long sleeps would occupy every worker.
 */
@ApplicationScoped
// up to an hour: longer than WildFly's default transaction timeout (300 s), which would fail the run at its end
@JobType(value = "errand.sleep", submitters = "admin", transactionTimeout = 3900)
public class Sleep implements JobHandler<Sleep.Args> {

    public record Args(@NotNull @Min(0) @Max(3_600_000) Long millis) {
    }

    @Override
    public void run(Args args, JobContext context) throws InterruptedException {
        long end = System.nanoTime() + args.millis() * 1_000_000;
        while (!context.isCancelled()) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(left, 100));
        }
    }
}
