package dev.errand.job.engine;

import dev.errand.job.store.JobEntity;
import dev.errand.job.timing.StageTimes;
import dev.errand.platform.Config;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Sends job messages. Sends join the caller's JTA transaction: the message leaves only if the job rows
 * commit. Jobs due now share messages when they are short ({@link Chunks}: at most {@code ERRAND_CHUNK_SIZE} per
 * message and {@code ERRAND_CHUNK_WORK} of expected run time, jobs of one queue and priority each); a job due later gets its own
 * message, held back by the broker until its time (scheduled delivery). A message carries its jobs' priority as its
 * JMS priority, so the broker hands out a waiting higher-priority message first, and their queue as the property
 * {@value #QUEUE}, which the worker lanes select by.
 */
@ApplicationScoped
public class JobDispatcher {

    /** Message property: when the message was sent, in microseconds since the epoch. */
    static final String SENT_AT = "errandSentAt";

    /**
     * Message property: the queue of the message's jobs (all of them share it), which the worker lanes' selectors
     * read (docs/run-control.md, "Worker shares").
     */
    static final String QUEUE = "errandQueue";

    private final int chunkSize = Math.max(1, Config.getInt("CHUNK_SIZE", 20));

    private final long chunkWorkMicros = Math.max(0, Config.getDuration("CHUNK_WORK", Duration.ofMillis(100)).toNanos() / 1_000);

    @Inject
    RunTimes runTimes;

    // A ConnectionFactory rather than an injected JMSContext: Payara's JMSContext injection looks the name up
    // with a "__pm" suffix, which only a server resource name (not the application's reference) satisfies.
    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Destinations.JOBS_QUEUE)
    Queue queue;

    /** The jobs whose sends {@link #sendingAfter} holds back on this thread, with the time they were dispatched at. */
    private static final ThreadLocal<List<Held>> HELD = new ThreadLocal<>();

    private record Held(List<JobEntity> jobs, OffsetDateTime now) {
    }

    /**
     * Runs {@code transaction} (a method that commits its own transaction before it returns) holding back the sends
     * it dispatches, then sends them once it has committed, outside any transaction: Payara loses a message sent from
     * a transaction that a background thread began. A crash in between leaves the jobs to recovery, as for retries.
     * If {@code transaction} throws, nothing is sent.
     */
    public int sendingAfter(IntSupplier transaction) {
        List<Held> held = new ArrayList<>();
        HELD.set(held);
        int result;
        try {
            result = transaction.getAsInt();
        } finally {
            HELD.remove();
        }
        held.forEach(h -> dispatch(h.jobs(), h.now()));
        return result;
    }

    /** Sends the due jobs in chunks ({@link Chunks}) and one delayed message per job due later. */
    public void dispatch(List<JobEntity> jobs, OffsetDateTime now) {
        List<Held> held = HELD.get();
        if (held != null) {
            held.add(new Held(List.copyOf(jobs), now));
            return;
        }
        dispatch(jobs, now, refs -> { });
    }

    /**
     * As {@link #dispatch(List, OffsetDateTime)}, outside any transaction, telling {@code sent} the jobs of each
     * message the broker took: when a later send fails, the caller knows which jobs still have none (the doorbell).
     */
    void dispatch(List<JobEntity> jobs, OffsetDateTime now, Consumer<List<JobRef>> sent) {
        Chunks due = new Chunks(chunkSize, chunkWorkMicros, (refs, queue, priority) -> {
            send(refs, queue, priority, 0);
            sent.accept(refs);
        });
        for (JobEntity job : jobs) {
            OffsetDateTime at = job.scheduledAt();
            JobRef ref = new JobRef(job.id(), job.dispatch());
            if (at == null || !at.isAfter(now)) {
                due.add(ref, job.queue(), job.priority(), runTimes.expectedMicros(job.type()));
            } else {
                send(List.of(ref), job.queue(), job.priority(), Duration.between(now, at).toMillis());
                sent.accept(List.of(ref));
            }
        }
        due.close();
    }

    /** Sends one message, in the caller's JTA transaction (the pooled factory enlists the session in it). */
    private void send(List<JobRef> refs, String jobQueue, int priority, long delayMillis) {
        try (JMSContext jms = connectionFactory.createContext()) {
            var producer = jms.createProducer();
            if (delayMillis > 0) {
                producer.setDeliveryDelay(delayMillis);
            }
            producer.setPriority(priority);
            producer.setProperty(SENT_AT, StageTimes.epochMicros()); // the delivery stage's start
            producer.setProperty(QUEUE, jobQueue);
            producer.send(queue, JobRef.format(refs));
        }
    }
}
