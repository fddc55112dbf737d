package dev.errand.job.engine;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * Worker lane 1: the jobs of the first queue named in {@code ERRAND_QUEUES}, with its share of sessions.
 * Unused, it idles: one session on the control topic through a selector no notice matches (these annotations);
 * WEB-INF/jboss-ejb3.xml points it at {@code errand.jobs} when the system properties of {@code ERRAND_QUEUES} say so
 * (dev.errand.server.WorkerShares, docs/run-control.md "Worker shares"). Delivery as {@link JobWorker}'s.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Destinations.CONTROL_TOPIC_GLOBAL),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = JobDispatcher.QUEUE + " = ''"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "useLocalTx", propertyValue = "true")
})
public class LaneWorker1 extends JobLane {
}
