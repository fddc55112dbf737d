package dev.errand.job.engine;

import dev.errand.job.store.JobEntity;
import dev.errand.platform.Config;
import dev.errand.server.UnsentJobs;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the messages of single submissions after their commit (docs/DESIGN.md §4, "The doorbell"): the submission
 * commits PostgreSQL alone, one phase, and its jobs wait here for one sender thread, which sends the jobs of every
 * commit rung since its last send in shared messages, outside any transaction.
 *
 * <p>What keeps the promises: nothing is rung before its commit, so no message names a row that did not commit. A
 * send that fails is tried again every second once the broker answers, under new dispatch numbers written first (a
 * transaction per {@value #RESEND_BATCH} jobs), so that a message the broker took although its send failed is stale.
 * Each job is covered by a {@link Ticket}, opened before its row is built, whose time the heartbeat publishes
 * ({@link #allSentBefore}) until the job is sent: if this server dies in between, a live one sends again what it
 * stored from that time on ({@link OrphanRecovery}). Beyond {@code ERRAND_UNSENT_LIMIT} open tickets (a long broker
 * outage) submissions go back to sending in their own transaction, which the broker's absence then refuses with 503.
 */
@ApplicationScoped
public class Doorbell implements UnsentJobs {

    private static final Logger LOG = Logger.getLogger(Doorbell.class.getName());
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final int RESEND_BATCH = 500;
    /** Clocks of one JVM, read a few lines apart; the margin only guards against a step of the wall clock. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final int limit = Math.max(0, Config.getInt("UNSENT_LIMIT", 10_000));

    /** A job on its way from submission to sent; its time is taken after it is registered, before its row is built. */
    public static final class Ticket {
        private volatile Instant at;
    }

    /** A committed job waiting for its message. */
    public record Unsent(Ticket ticket, JobEntity job) {
    }

    private final Set<Ticket> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Unsent> rung = new ConcurrentLinkedQueue<>();
    /** Jobs whose send failed, by id; sent again under a new dispatch number. Touched by the sending thread only. */
    private final Map<Long, Unsent> failed = new LinkedHashMap<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    /** Whether a send failed and its jobs wait; touched by the sending thread only. */
    private boolean retrying;
    private volatile boolean stopped;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    LostJobs lost;

    @Inject
    BrokerHealth broker;

    @Inject
    Clock clock = Clock.systemUTC(); // the server's; a unit test sets its own

    /** Opens a ticket for a job about to be built; it closes once the job's message is sent, or with {@link #abandon}. */
    public Ticket open() {
        Ticket ticket = new Ticket();
        open.add(ticket); // registered first: a heartbeat that misses it reads its time later than its own
        ticket.at = clock.instant();
        return ticket;
    }

    /** The job of {@code ticket} was not stored, or its message went with its transaction. */
    public void abandon(Ticket ticket) {
        open.remove(ticket);
    }

    /** Whether a submission may commit now and leave its message to the doorbell. */
    public boolean accepts() {
        return !stopped && open.size() < limit; // the open tickets: jobs committing, waiting or failed
    }

    /** Sends the messages of jobs whose transaction has committed. */
    public void ring(List<Unsent> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        rung.addAll(jobs);
        wake();
    }

    private void wake() {
        if (sending.compareAndSet(false, true)) {
            try {
                executor.execute(this::sendRung);
            } catch (RuntimeException e) { // shutting down: the heartbeat keeps the row (ServerHeartbeat.stop)
                sending.set(false);
                LOG.warning(() -> "The doorbell cannot send the messages of " + open.size() + " stored jobs: " + e);
            }
        }
    }

    /**
     * The sending thread: sends everything rung, then steps down. A failed send is tried again after a pause under
     * new dispatch numbers, so that a message the broker took although the send failed is stale.
     */
    private void sendRung() {
        try {
            if (!failed.isEmpty()) {
                resendFailed();
            }
            List<Unsent> next = new ArrayList<>();
            for (Unsent job; (job = rung.poll()) != null; ) {
                next.add(job);
            }
            if (!next.isEmpty()) {
                send(next);
            }
        } catch (RuntimeException e) {
            if (stopped) {
                // no retry while the application stops: the heartbeat keeps the row (ServerHeartbeat.stop)
                sending.set(false);
                return;
            }
            // one warning an outage, not one a second
            LOG.log(retrying ? Level.FINE : Level.WARNING, "Messages of " + open.size() + " stored jobs not sent;"
                    + " trying again every " + RETRY.toSeconds() + " s: " + e);
            retrying = true;
            try {
                executor.schedule(this::sendRung, RETRY.toMillis(), TimeUnit.MILLISECONDS);
                return; // still the sender: nobody else sends until this retry has
            } catch (RuntimeException rejected) { // the executor is shutting down
                sending.set(false);
                return;
            }
        }
        if (retrying && failed.isEmpty()) {
            retrying = false;
            LOG.info("The messages of the stored jobs that waited for the broker are sent");
        }
        sending.set(false);
        if (!rung.isEmpty()) {
            wake(); // rung after the poll above, while this thread still held the flag
        }
    }

    private void send(List<Unsent> jobs) {
        Map<Long, Unsent> byId = new LinkedHashMap<>();
        jobs.forEach(u -> byId.put(u.job().id(), u));
        try {
            dispatcher.dispatch(jobs.stream().map(Unsent::job).toList(), EngineClock.now(clock),
                    refs -> refs.forEach(ref -> sent(byId.remove(ref.id()))));
        } finally {
            failed.putAll(byId); // what the broker did not take
        }
    }

    /**
     * A transaction a batch gives the failed jobs new dispatch numbers; their messages leave once it has committed.
     * Batches keep the rows locked briefly and the statement's parameters few, whatever the outage left.
     */
    private void resendFailed() {
        try {
            broker.check(); // while the broker is away, no transaction renumbers the jobs every second
        } catch (JMSException e) {
            throw new JMSRuntimeException("the broker is unavailable: " + e.getMessage());
        }
        List<Long> all = List.copyOf(failed.keySet());
        for (int from = 0; from < all.size(); from += RESEND_BATCH) {
            List<Long> ids = all.subList(from, Math.min(all.size(), from + RESEND_BATCH));
            dispatcher.sendingAfter(() -> lost.resendAfterFailedSend(ids));
            ids.forEach(id -> sent(failed.remove(id)));
        }
    }

    private void sent(Unsent job) {
        if (job != null) {
            open.remove(job.ticket());
        }
    }

    @Override
    public Instant allSentBefore(Instant now) {
        Instant earliest = now;
        for (Ticket ticket : open) {
            Instant at = ticket.at;
            if (at != null && at.isBefore(earliest)) {
                earliest = at;
            }
        }
        return earliest.minus(MARGIN);
    }

    @Override
    public int unsent() {
        return open.size(); // committing, handed over or failed: any of them may lack its message
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }
}
