package dev.errand.job.builtin;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Waits {@code millis}, stopping early when the job is deleted: a stand-in for slow work. A sleep of a second or
 * more reports its progress and logs a line each second, so anyone can watch it work (a shorter one reports
 * nothing, and so costs the database nothing more than a job does). Only admins submit it over REST: a handful
 * of hour-long sleeps would occupy every worker.
 */
@ApplicationScoped
// up to an hour: longer than WildFly's default transaction timeout (300 s), which would fail the run at its end
@JobType(value = "errand.sleep", submitters = "admin", transactionTimeout = 3900)
public class Sleep implements JobHandler<Sleep.Args> {

    public record Args(@NotNull @Min(0) @Max(3_600_000) Long millis) {
    }

    @Override
    public void run(Args args, JobContext context) throws InterruptedException {
        long millis = args.millis();
        long start = System.nanoTime();
        boolean reports = millis >= 1000;
        long loggedSeconds = 0;
        if (reports) {
            context.log("sleeping " + millis + " ms");
        }
        while (!context.isCancelled()) {
            long slept = Math.min(millis, (System.nanoTime() - start) / 1_000_000);
            if (reports) {
                context.progress(slept, millis);
            }
            if (slept >= millis) {
                if (reports) {
                    context.log("done");
                }
                return;
            }
            if (reports && slept / 1000 > loggedSeconds) {
                loggedSeconds = slept / 1000;
                context.log("slept " + loggedSeconds + " s of " + (millis + 999) / 1000);
            }
            Thread.sleep(Math.min(millis - slept, 100));
        }
        if (reports) {
            context.log("stopped: the job was deleted");
        }
    }
}
