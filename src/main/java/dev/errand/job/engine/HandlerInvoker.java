package dev.errand.job.engine;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.List;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs a handler in a transaction of its own ({@link HandlerTransaction}), with its job type's timeout when the
 * type sets one ({@code @JobType(transactionTimeout)}, docs/DESIGN.md §4). Only that one run's transaction gets it:
 * no transaction spans a delivery's chunk (the delivery is a local JMS transaction, the claim and the outcomes
 * commit in short transactions of their own).
 *
 * <p>The timeout is set on the thread's transaction manager just before the transaction begins and reset to the
 * server's default right after. The transaction manager is not injectable portably, hence the lookup by each
 * server's name; UserTransaction would not do, since a container-managed MDB (JobWorker) may not use it.
 */
@ApplicationScoped
public class HandlerInvoker {

    private static final Logger LOG = Logger.getLogger(HandlerInvoker.class.getName());
    /** WildFly's names, then Payara's. */
    private static final List<String> TRANSACTION_MANAGER = List.of("java:jboss/TransactionManager",
            "java:/TransactionManager", "java:appserver/TransactionManager");

    @Inject
    HandlerTransaction transaction;

    private TransactionManager transactionManager;

    @PostConstruct
    void findTransactionManager() {
        for (String name : TRANSACTION_MANAGER) {
            try {
                transactionManager = (TransactionManager) new InitialContext().lookup(name);
                return;
            } catch (NamingException | ClassCastException e) {
                // not this server's name
            }
        }
        LOG.warning(() -> "No transaction manager under " + TRANSACTION_MANAGER
                + ": job types' transaction timeouts are ignored, every run has the server's default");
    }

    public void invoke(JobHandler<Object> handler, Object args, JobContext context, int timeoutSeconds)
            throws Exception {
        if (timeoutSeconds <= 0 || transactionManager == null) {
            transaction.run(handler, args, context);
            return;
        }
        transactionManager.setTransactionTimeout(timeoutSeconds);
        try {
            transaction.run(handler, args, context);
        } finally {
            reset();
        }
    }

    private void reset() {
        try {
            transactionManager.setTransactionTimeout(0); // 0: the server's default again, for this thread's next
        } catch (SystemException e) {
            LOG.warning(() -> "Cannot reset the transaction timeout: " + e);
        }
    }
}
