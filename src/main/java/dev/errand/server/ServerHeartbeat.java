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
        int running = load.stream().mapToInt(ServerLoad::running).sum();
        registry.beat(new ServerRegistry.Server(server.id(), server.nodeId(), server.host(), server.startedAt(),
                Instant.now(), shares.workers(), running, shares.queues()));
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

    @Override
    public void stop() {
        registry.remove(server.id());
    }
}
