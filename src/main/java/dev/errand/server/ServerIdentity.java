package dev.errand.server;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;

/** This server's name in job histories and heartbeats; new at every start, so a restart is visible. */
@ApplicationScoped
public class ServerIdentity {

    private final String host = hostName();
    private final String id = host + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant startedAt = Instant.now();

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public Instant startedAt() {
        return startedAt;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
