package dev.errand.job.engine;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * Consumes {@code errand.jobs}: the default lane, every queue with 32 sessions. With worker shares
 * ({@code ERRAND_QUEUES}, docs/run-control.md "Worker shares") it idles, and {@link OtherQueuesWorker} and
 * {@link LaneWorker1}..3 consume instead; WEB-INF/jboss-ejb3.xml reads their settings from system properties.
 * Every lane hands its messages to {@link JobMessages}.
 * <p>
 * A delivery runs in a local JMS transaction of the resource adapter, not in JTA: it only acknowledges the
 * message, since the claim, the handler and the outcome commit in transactions of their own (docs/DESIGN.md §4). If anything below throws, the session rolls back and the broker redelivers the message with
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
public class JobWorker extends JobLane {

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
