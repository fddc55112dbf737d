package dev.errand.job.builtin;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** A batch callback that logs its batch's counts: a model for callbacks of one's own (docs/workflows.md). */
@ApplicationScoped
@JobType("errand.batch-report")
public class BatchReport implements JobHandler<BatchReport.Args> {

    public record Args(@NotNull Batch batch) {
    }

    /** What every callback is given: the batch id and its jobs per state when it completed. */
    public record Batch(long id, Map<String, Long> counts) {
    }

    @Override
    public void run(Args args, JobContext context) {
        context.log("batch " + args.batch().id() + " completed: " + args.batch().counts());
    }
}
