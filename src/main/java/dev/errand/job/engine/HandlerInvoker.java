package dev.errand.job.engine;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Runs a handler in a transaction of its own: what it writes commits when it returns and rolls back when it
 * throws, apart from Errand's own bookkeeping, so one failing job never undoes another's work. A handler that
 * returns after its attempt timed out has failed all the same.
 */
@ApplicationScoped
public class HandlerInvoker {

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void invoke(JobHandler<Object> handler, Object args, JobContext context) throws Exception {
        handler.run(args, context);
        if (context instanceof RunningJob running && running.timedOut() != null) {
            // It stopped because its time was up (docs/run-control.md): a failure, so what it wrote rolls back.
            throw running.timedOut();
        }
    }
}
