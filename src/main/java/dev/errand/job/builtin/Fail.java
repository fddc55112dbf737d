package dev.errand.job.builtin;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Throws on its first {@code failures} attempts, then succeeds: shows retries and failures end to end. */
@ApplicationScoped
@JobType("errand.fail")
public class Fail implements JobHandler<Fail.Args> {

    public record Args(@NotNull @Min(0) Integer failures, String message) {
    }

    @Override
    public void run(Args args, JobContext context) {
        if (context.attempt() <= args.failures()) {
            throw new IllegalStateException((args.message() == null ? "planned failure" : args.message())
                    + " (attempt " + context.attempt() + " of " + args.failures() + " planned failures)");
        }
    }
}
