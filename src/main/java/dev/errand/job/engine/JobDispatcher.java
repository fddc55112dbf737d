package dev.errand.job.engine;

import dev.errand.job.store.JobEntity;
import dev.errand.job.timing.StageTimes;
import dev.errand.platform.Config;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends job messages. Sends join the caller's JTA transaction: the message leaves only if the job rows
 * commit. Jobs due now share messages ({@code ERRAND_CHUNK_SIZE} per message); a job due later gets its own
 * message, held back by the broker until its time (scheduled delivery).
 */
@ApplicationScoped
public class JobDispatcher {

    /** Message property: when the message was sent, in microseconds since the epoch. */
    static final String SENT_AT = "errandSentAt";

    private final int chunkSize = Math.max(1, Config.getInt("CHUNK_SIZE", 20));

    // A ConnectionFactory rather than an injected JMSContext: Payara's JMSContext injection looks the name up
    // with a "__pm" suffix, which only a server resource name (not the application's reference) satisfies.
    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Destinations.JOBS_QUEUE)
    Queue queue;

    /** Sends one message per chunk of due jobs and one delayed message per job due later. */
    public void dispatch(List<JobEntity> jobs, OffsetDateTime now) {
        List<JobRef> due = new ArrayList<>(Math.min(jobs.size(), chunkSize));
        for (JobEntity job : jobs) {
            OffsetDateTime at = job.scheduledAt();
            if (at == null || !at.isAfter(now)) {
                due.add(new JobRef(job.id(), job.dispatch()));
                if (due.size() == chunkSize) {
                    send(due, 0);
                    due.clear();
                }
            } else {
                send(List.of(new JobRef(job.id(), job.dispatch())), Duration.between(now, at).toMillis());
            }
        }
        if (!due.isEmpty()) {
            send(due, 0);
        }
    }

    /** Sends one message, in the caller's JTA transaction (the pooled factory enlists the session in it). */
    private void send(List<JobRef> refs, long delayMillis) {
        try (JMSContext jms = connectionFactory.createContext()) {
            var producer = jms.createProducer();
            if (delayMillis > 0) {
                producer.setDeliveryDelay(delayMillis);
            }
            producer.setProperty(SENT_AT, StageTimes.epochMicros()); // the delivery stage's start
            producer.send(queue, JobRef.format(refs));
        }
    }
}
