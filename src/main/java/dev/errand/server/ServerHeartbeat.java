package dev.errand.server;

import dev.errand.platform.Config;
import dev.errand.platform.housekeeping.HousekeepingTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;

/**
 * Writes this server's row in {@code errand.server} at start and every {@code ERRAND_HEARTBEAT_INTERVAL}
 * (10 s), and deletes it when the server stops. Other servers requeue the jobs of a server whose heartbeat is
 * older than {@code ERRAND_SERVER_TIMEOUT} (see dev.errand.job.engine.OrphanRecovery).
 */
@ApplicationScoped
public class ServerHeartbeat implements HousekeepingTask {

    /** The job worker's concurrency (maxSession of JobWorker); it consumes every queue. */
    static final int WORKERS = 32;
    static final String QUEUES = "*";

    private final Duration interval = Config.getDuration("HEARTBEAT_INTERVAL", Duration.ofSeconds(10));

    @Inject
    ServerIdentity server;

    @Inject
    ServerRegistry registry;

    @Inject
    Instance<ServerLoad> load;

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
                Instant.now(), WORKERS, running, QUEUES));
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
