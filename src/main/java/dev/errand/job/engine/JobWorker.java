package dev.errand.job.engine;

import dev.errand.job.timing.Stage;
import dev.errand.job.timing.StageTimes;
import dev.errand.platform.SchemaReadiness;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.logging.Logger;

/**
 * Consumes {@code errand.jobs}. A delivery runs in a local JMS transaction of the resource adapter, not in JTA: it
 * only acknowledges the message, since the claim, the handler and the outcome commit in transactions of their own
 * (docs/DESIGN.md §4). If anything below throws, the session rolls back and the broker redelivers the message with
 * back-off and, after its maximum attempts, moves it to the dead-letter queue ({@link DeadLetterWorker}). Local
 * rather than XA because the broker rolls back a dead client's local transaction when it drops its session, so a
 * killed node's messages come back to the others; an XA branch the transaction manager had suspended (it is, while
 * the claim, handler and outcome transactions run) stays held by the broker until its transaction timeout (5 min).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Destinations.JOBS_QUEUE_GLOBAL),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // Concurrency is the smaller of this and the server's MDB bean pool (server-config sizes both).
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "32"),
        @ActivationConfigProperty(propertyName = "useLocalTx", propertyValue = "true")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobWorker implements MessageListener {

    private static final Logger LOG = Logger.getLogger(JobWorker.class.getName());

    @Inject
    JobExecutor executor;

    @Inject
    SchemaReadiness readiness;

    @Override
    public void onMessage(Message message) {
        long arrived = System.nanoTime();
        recordDelivery(message);
        readiness.await();
        List<JobRef> refs;
        try {
            refs = JobRef.parse(text(message));
        } catch (JMSException | RuntimeException e) {
            // Not one of ours: rolling back sends it through redelivery to the dead-letter queue, kept for a look.
            LOG.warning(() -> "Unreadable message " + messageId(message) + " on errand.jobs: " + e);
            throw new IllegalArgumentException("unreadable job message", e);
        }
        executor.execute(refs, arrived);
        StageTimes.since(Stage.MESSAGE, arrived);
    }

    private static void recordDelivery(Message message) {
        try {
            if (message.propertyExists(JobDispatcher.SENT_AT)) {
                long micros = StageTimes.epochMicros() - message.getLongProperty(JobDispatcher.SENT_AT);
                StageTimes.record(Stage.DELIVERY, micros * 1_000);
            }
        } catch (JMSException | RuntimeException e) {
            // a sender's odd property is no reason to refuse its job; the stage just goes unrecorded
        }
    }

    /**
     * The body of a {@link TextMessage}, the only kind Errand sends. Anything else is refused before its body is
     * touched: reading an {@code ObjectMessage} would deserialise whatever classes a sender chose.
     */
    static String text(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        throw new IllegalArgumentException("not a TextMessage but " + message.getClass().getSimpleName());
    }

    static String messageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }
}
