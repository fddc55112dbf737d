package dev.errand.server;

import dev.errand.platform.Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;

/**
 * Who this server is. The node id ({@code ERRAND_NODE_ID}, default {@code errand-1}) is the name operators
 * configure and see in job histories, {@code /api/servers} and the dashboard. The instance id is new at every
 * start ("errand-2/1a2b3c4d"): heartbeats and running jobs are keyed by it, so a node restarted under the same
 * node id recognises its previous instance's attempts as orphans.
 */
@ApplicationScoped
public class ServerIdentity {

    private final String host = hostName();
    private final String nodeId = configuredNodeId();
    private final String id = nodeId + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant startedAt = Instant.now();

    /** The instance id. */
    public String id() {
        return id;
    }

    public String nodeId() {
        return nodeId;
    }

    public String host() {
        return host;
    }

    public Instant startedAt() {
        return startedAt;
    }

    static String configuredNodeId() {
        String node = Config.get("NODE_ID", "errand-1");
        if (node.length() > 150 || !node.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalStateException("ERRAND_NODE_ID must be 1-150 letters, digits, '.', '_' or '-', not '" + node + "'");
        }
        return node;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
