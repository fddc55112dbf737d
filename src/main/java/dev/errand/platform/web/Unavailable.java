package dev.errand.platform.web;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.resource.ResourceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;

/**
 * A request that failed because the broker (or a connection pool) could not be reached is answered
 * {@code 503 Service Unavailable} with {@code Retry-After}, not 500: the client did nothing wrong, its transaction rolled
 * back (a submission stored nothing), and the same request succeeds once the broker is back. Recognised by standard types anywhere in the cause chain,
 * because each server wraps them differently (EJB, CDI transaction and connector exceptions).
 */
final class Unavailable {

    private static final Logger LOG = Logger.getLogger(Unavailable.class.getName());
    static final int RETRY_AFTER_SECONDS = 5;
    private static final int MAX_DEPTH = 32;

    private Unavailable() {
    }

    /** The first cause that says a resource was unreachable or the transaction could not commit. */
    static Optional<Throwable> causeOf(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (cause instanceof JMSException || cause instanceof JMSRuntimeException
                    || cause instanceof ResourceException || cause instanceof XAException
                    || cause instanceof RollbackException) {
                return Optional.of(cause);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return Optional.empty();
    }

    private static String rootOf(Throwable cause) {
        Throwable root = cause;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_DEPTH; depth++) {
            root = root.getCause();
        }
        return root == cause ? "" : " (root cause: " + root + ")";
    }

    static Response answer(Throwable cause) {
        // One line, not a stack trace per request: an outage fails every submission the same way.
        // The root cause too: a transaction rolled back at commit may hide something other than an outage.
        LOG.warning(() -> "Request refused with 503, a resource is unavailable: " + cause + rootOf(cause));
        return Response.fromResponse(Problem.of(503, "the message broker or another resource Errand needs is unavailable;"
                        + " the request did not complete, try again later").toResponse())
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }
}
