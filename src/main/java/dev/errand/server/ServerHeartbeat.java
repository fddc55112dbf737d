package dev.errand.server;

import dev.errand.platform.Config;
import dev.errand.platform.housekeeping.HousekeepingTask;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes this server's row in {@code errand.server} at start and every {@code ERRAND_HEARTBEAT_INTERVAL}
 * (10 s), and deletes it when the server stops. Other servers requeue the jobs of a server whose heartbeat is
 * older than {@code ERRAND_SERVER_TIMEOUT} (see dev.errand.job.engine.OrphanRecovery).
 */
@ApplicationScoped
public class ServerHeartbeat implements HousekeepingTask {

    private static final Logger LOG = Logger.getLogger(ServerHeartbeat.class.getName());

    private final Duration interval = Config.getDuration("HEARTBEAT_INTERVAL", Duration.ofSeconds(10));

    @Inject
    ServerIdentity server;

    @Inject
    ServerRegistry registry;

    @Inject
    Instance<ServerLoad> load;

    @Inject
    Instance<UnsentJobs> unsent;

    /** The worker lanes as deployed (their system properties), not as ERRAND_QUEUES asks: see {@link #check}. */
    private final WorkerShares shares = WorkerShares.inForce(System.getProperties());

    @PostConstruct
    void check() {
        String asked = Config.get("QUEUES").orElse(null);
        if (asked == null) {
            return;
        }
        WorkerShares wanted;
        try {
            wanted = WorkerShares.parse(asked);
        } catch (IllegalArgumentException e) {
            LOG.severe(e.getMessage() + "; the workers consume as " + shares);
            return;
        }
        if (!wanted.equals(shares)) {
            // a WildFly started other than through bin/standalone.sh, a Payara domain not configured by payara.sh
            // with this value (docs/run-control.md, "Worker shares")
            LOG.warning("ERRAND_QUEUES=" + asked + " is not in force: the server was started without its worker lanes"
                    + " (WildFly's bin/standalone.sh sets them up, on Payara server-config/payara/payara.sh), so the"
                    + " workers consume as " + shares);
        } else {
            LOG.info("Worker shares: " + shares);
        }
    }

    @Override
    public String name() {
        return "heartbeat";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public int run() {
        Instant now = Instant.now();
        // a job stored after this beat is later than the mark anyway
        Instant sentBefore = unsent.stream().map(u -> u.allSentBefore(now)).min(Instant::compareTo).orElse(now);
        int running = load.stream().mapToInt(ServerLoad::running).sum();
        registry.beat(new ServerRegistry.Server(server.id(), server.nodeId(), server.host(), server.startedAt(),
                now, shares.workers(), running, shares.queues()), sentBefore);
        return 1;
    }

    @Override
    public boolean runsAtStart() {
        return true;
    }

    @Override
    public Level logLevel(int count) {
        return Level.FINE;
    }

    /**
     * Deletes this server's row, unless messages of jobs it stored could not be sent (the broker is down as it
     * stops): then the row stays, goes stale, and a live server (or this one started again) sends them
     * (dev.errand.job.engine.OrphanRecovery).
     */
    @Override
    public void stop() {
        int left = unsent.stream().mapToInt(UnsentJobs::unsent).sum();
        if (left > 0) {
            LOG.warning(() -> "Stopping with the messages of " + left + " stored jobs unsent; the server's row stays so"
                    + " that a live server sends them once it finds this one silent");
            return;
        }
        registry.remove(server.id());
    }
}
