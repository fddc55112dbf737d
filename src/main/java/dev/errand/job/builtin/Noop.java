package dev.errand.job.builtin;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import jakarta.enterprise.context.ApplicationScoped;

/** Does nothing: for smoke tests and for measuring Errand's own cost per job. */
@ApplicationScoped
@JobType("errand.noop")
public class Noop implements JobHandler<Noop.Args> {

    public record Args() {
    }

    @Override
    public void run(Args args, JobContext context) {
        // The point is the bookkeeping around it.
    }
}
