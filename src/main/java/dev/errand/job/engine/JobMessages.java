package dev.errand.job.engine;

import dev.errand.job.timing.Stage;
import dev.errand.job.timing.StageTimes;
import dev.errand.platform.SchemaReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.List;
import java.util.logging.Logger;

/**
 * What every worker lane ({@link JobLane}) does with a job message: parse its job references and run them
 * ({@link JobExecutor}).
 */
@ApplicationScoped
public class JobMessages {

    private static final Logger LOG = Logger.getLogger(JobMessages.class.getName());

    @Inject
    JobExecutor executor;

    @Inject
    SchemaReadiness readiness;

    public void deliver(Message message) {
        long arrived = System.nanoTime();
        recordDelivery(message);
        readiness.await();
        List<JobRef> refs;
        try {
            refs = JobRef.parse(JobWorker.text(message));
        } catch (JMSException | RuntimeException e) {
            // Not one of ours: rolling back sends it through redelivery to the dead-letter queue, kept for a look.
            LOG.warning(() -> "Unreadable message " + JobWorker.messageId(message) + " on errand.jobs: " + e);
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
}
