package dev.errand.job.engine;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A handler's run in a transaction of its own: what it writes commits when it returns and rolls back when it
 * throws, apart from Errand's own bookkeeping, so one failing job never undoes another's work; a handler that
 * returns after its attempt timed out has failed all the same. Its transaction timeout is the one
 * {@link HandlerInvoker} set on the thread.
 */
@ApplicationScoped
public class HandlerTransaction {

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void run(JobHandler<Object> handler, Object args, JobContext context) throws Exception {
        handler.run(args, context);
        if (context instanceof RunningJob running && running.timedOut() != null) {
            // It stopped because its time was up (docs/run-control.md): a failure, so what it wrote rolls back.
            throw running.timedOut();
        }
    }
}
