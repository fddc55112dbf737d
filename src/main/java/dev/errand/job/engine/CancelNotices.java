package dev.errand.job.engine;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Tells every node that jobs were deleted while running, on the topic {@code errand.control}: the node that
 * runs one stops it ({@link CancelListener}). The notice is sent in the deleting transaction, so it leaves only
 * when the delete commits; it is non-persistent because the database is the truth and
 * {@link CancelledJobSweep} stops an attempt whose notice was lost.
 */
@ApplicationScoped
public class CancelNotices {

    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Destinations.CONTROL_TOPIC)
    Topic topic;

    void publish(Collection<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return;
        }
        try (JMSContext jms = connectionFactory.createContext()) {
            jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).send(topic, format(jobIds));
        }
    }

    static String format(Collection<Long> jobIds) {
        return "cancel:" + jobIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The job ids of a notice; an unreadable notice names none. */
    static List<Long> parse(String body) {
        if (body == null || !body.startsWith("cancel:")) {
            return List.of();
        }
        try {
            return Arrays.stream(body.substring("cancel:".length()).split(",")).filter(s -> !s.isBlank())
                    .map(s -> Long.parseLong(s.trim())).toList();
        } catch (NumberFormatException e) {
            return List.of();
        }
    }
}
