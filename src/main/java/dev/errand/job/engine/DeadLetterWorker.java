package dev.errand.job.engine;

import dev.errand.platform.SchemaReadiness;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.logging.Logger;

/**
 * Consumes the dead-letter queue: the broker gave up on a job message after repeated infrastructure faults
 * (rolled-back deliveries), so the jobs it names end FAILED, with the reason in their history.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Destinations.DEAD_LETTER_QUEUE_GLOBAL),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class DeadLetterWorker implements MessageListener {

    private static final Logger LOG = Logger.getLogger(DeadLetterWorker.class.getName());

    @Inject
    JobLifecycle lifecycle;

    @Inject
    SchemaReadiness readiness;

    @Override
    public void onMessage(Message message) {
        readiness.await();
        List<JobRef> refs;
        try {
            refs = JobRef.parse(JobWorker.text(message));
        } catch (JMSException | RuntimeException e) {
            // Not one of ours (another kind of message, or text that names no job): no job to fail, and keeping
            // it would have this consumer take it again and again. The log line is its only trace.
            LOG.warning(() -> "Dropped an unreadable dead letter " + JobWorker.messageId(message) + ", no job changed: "
                    + e.getMessage());
            return;
        }
        lifecycle.deadLettered(refs, "dead-lettered: the broker gave up after its deliveries kept failing"
                + " (an infrastructure fault; see the server log)");
    }
}
