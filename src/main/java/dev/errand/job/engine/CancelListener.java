package dev.errand.job.engine;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.logging.Logger;

/**
 * This node's subscription to {@code errand.control}: stops the attempts of jobs deleted on any node
 * ({@link CancelNotices}). Non-durable and one session: every running node gets each notice once, a stopped
 * node needs none (its attempts stopped with it).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Destinations.CONTROL_TOPIC_GLOBAL),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CancelListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(CancelListener.class.getName());

    @Inject
    RunningJobs running;

    @Override
    public void onMessage(Message message) {
        String body;
        try {
            // only a TextMessage's body: getBody(String.class) on an ObjectMessage would deserialise it first
            body = JobWorker.text(message);
        } catch (JMSException | RuntimeException e) {
            body = null;
        }
        List<Long> ids = CancelNotices.parse(body);
        if (ids.isEmpty()) {
            LOG.warning(() -> "Ignored an unreadable notice " + JobWorker.messageId(message) + " on errand.control");
        }
        ids.forEach(running::cancel);
    }
}
