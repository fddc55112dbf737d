package dev.errand.job.engine;

import dev.errand.platform.web.HealthCheck;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;

/** The broker part of {@code GET /health}: it accepts a session and answers a browse of the job queue. */
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Destinations.JOBS_QUEUE)
    Queue queue;

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public void check() throws JMSException {
        try (JMSContext context = connectionFactory.createContext();
             var browser = context.createBrowser(queue)) {
            browser.getEnumeration().hasMoreElements(); // a round trip to the queue; reads one message at most
        }
    }
}
