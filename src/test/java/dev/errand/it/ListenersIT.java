package dev.errand.it;

import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What the server under test offers the network (issue 14, point 5), read as `ss -ltnp` would: the listening TCP
 * sockets of the process that serves Errand's HTTP port, from Linux's /proc. The tests leave ERRAND_BIND_ADDRESS
 * unset, so every one of them must be on loopback.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ListenersIT {

    private static final URI BASE = URI.create(Api.BASE_URL);

    /** One listening socket: local address (hex, as /proc/net/tcp* shows it), port, inode. */
    record Listener(String address, int port, String inode) {
        boolean loopback() {
            return address.length() == 8 ? address.endsWith("7F") // 127.x.x.x, little-endian
                    : address.equals("00000000000000000000000001000000") // ::1
                    || address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F"); // ::ffff:127.x
        }
    }

    @Test
    void everyListenerOfTheServerIsOnLoopback() {
        List<Listener> all = listeners();
        String httpInode = all.stream().filter(l -> l.port() == BASE.getPort()).map(Listener::inode).findFirst()
                .orElseThrow(() -> new AssertionError("nothing listens on " + BASE.getPort()));
        Set<String> inodes = socketsOfTheProcessOwning(httpInode);

        List<Listener> server = all.stream().filter(l -> inodes.contains(l.inode())).toList();

        assertThat(server).as("the server's listeners").isNotEmpty()
                .allSatisfy(l -> assertThat(l.loopback()).as("port %d bound to %s", l.port(), l.address()).isTrue());
        System.out.println("ListenersIT: the server listens on ports "
                + server.stream().map(Listener::port).sorted().distinct().toList());
    }

    @Test
    void theHttpPortOffersNoJmsConnections() {
        String url = "tcp://" + BASE.getHost() + ":" + BASE.getPort()
                + "?httpUpgradeEnabled=true&initialConnectAttempts=1&reconnectAttempts=0&callTimeout=5000";
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url)) {
            Throwable refused = catchThrowable(() -> factory.createConnection("errand", "anything").close());

            // an exported acceptor would answer, and refuse the login (JMSSecurityException); none cannot connect
            assertThat(refused).isInstanceOf(JMSException.class).isNotInstanceOf(JMSSecurityException.class);
        }
    }

    private static List<Listener> listeners() {
        List<Listener> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(f -> f[3].equals("0A")) // LISTEN
                        .forEach(f -> {
                            String[] local = f[1].split(":");
                            listening.add(new Listener(local[0].toUpperCase(Locale.ROOT), Integer.parseInt(local[1], 16), f[9]));
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return listening;
    }

    /** The socket inodes of the process that holds this one (same user as the tests: its /proc/PID/fd is readable). */
    private static Set<String> socketsOfTheProcessOwning(String inode) {
        String wanted = "socket:[" + inode + "]";
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                Set<String> sockets = new HashSet<>();
                boolean owner = false;
                try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
                    for (Path fd : fds.toList()) {
                        String target = readLink(fd);
                        if (target.startsWith("socket:[")) {
                            sockets.add(target.substring(8, target.length() - 1));
                            owner |= target.equals(wanted);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    continue; // another user's process, or gone
                }
                if (owner) {
                    return sockets;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no readable process holds socket " + inode);
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
