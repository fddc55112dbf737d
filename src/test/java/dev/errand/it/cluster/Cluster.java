package dev.errand.it.cluster;

import dev.errand.it.Api;
import dev.errand.it.BackgroundStart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The cluster of the *ClusterIT execution, as its operator handles it: server-config/cluster.sh starts it (in the build,
 * in the background while the other ITs run, on a database and ports of its own; or on first use), a JVM shutdown
 * hook and the build's post-integration-test stop it, and a test kills a node or the primary broker with SIGKILL and
 * starts it again through the same script. Settings come from the environment the pom gives this JVM.
 *
 * <p>Nodes are numbered from 1, as in target/.../nodes; {@link #node(int)} is an admin client of node k.
 */
public final class Cluster {

    public static final int SIZE = Integer.getInteger("errand.it.cluster.size", 2);

    private static final Path DIR = Path.of(required("ERRAND_CLUSTER_DIR"));
    private static final String SCRIPT = System.getProperty("errand.it.clusterScript", "server-config/cluster.sh");
    private static final String BROKER_HOST = System.getenv().getOrDefault("ERRAND_BROKER_HOST", "127.0.0.1");
    private static final int PRIMARY_PORT = Integer.parseInt(required("ERRAND_BROKER_PORT"));
    private static List<String> nodes;

    private Cluster() {
    }

    /** The nodes' base URLs, node 1 first; starts the cluster if this JVM has not yet. */
    public static synchronized List<String> nodes() {
        if (nodes == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> script("stop")));
            String starting = System.getProperty("errand.it.starting");
            if (starting != null && !starting.isBlank()) {
                BackgroundStart.await(starting); // the build started it while the other ITs ran (cluster-start)
            } else {
                script("start", Integer.toString(SIZE));
            }
            try {
                nodes = List.copyOf(Files.readAllLines(DIR.resolve("nodes")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return nodes;
    }

    /** The administrator's client of node k (1-based). */
    public static Api node(int k) {
        return Api.admin().at(nodes().get(k - 1));
    }

    /** Node k's ERRAND_NODE_ID, as the history of a job it stored shows it. */
    public static String nodeId(int k) {
        Api node = node(k);
        long id = node.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT1H\"}");
        String nodeId = node.job(id).getJsonArray("history").getJsonObject(0).getString("server");
        node.delete("/api/jobs/" + id);
        return nodeId;
    }

    /** kill -9 of node k's JVM (the pid server-config/cluster.sh recorded); returns once it is gone. */
    public static void killNode(int k) {
        kill(DIR.resolve("node-" + k).resolve("server.pid"));
    }

    /**
     * The warnings and errors node k logged since {@code since}, each once (by its first 160 characters after the
     * thread), at most {@code limit}: what a failed test reports of the node's side.
     */
    public static List<String> warnings(int k, java.time.Instant since, int limit) {
        String from = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
                .withZone(java.time.ZoneId.systemDefault()).format(since);
        try (var lines = Files.lines(DIR.resolve("node-" + k).resolve("log/server.log"), StandardCharsets.UTF_8)) {
            java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
            lines.filter(line -> line.length() > 23 && line.substring(0, 23).compareTo(from) >= 0)
                    .filter(line -> line.matches("^\\S+ \\S+ (WARN|WARNING|ERROR|SEVERE) .*"))
                    .forEach(line -> {
                        String message = line.substring(line.indexOf(") ") + 2);
                        seen.putIfAbsent(message.substring(0, Math.min(160, message.length())), line.substring(11, 23) + " " + message);
                    });
            return seen.values().stream().limit(limit)
                    .map(line -> line.length() > 400 ? line.substring(0, 400) + "…" : line).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(log of node " + k + " unreadable: " + e + ")");
        }
    }

    /** Starts node k again from its base dir; returns once its /health is UP. */
    public static void startNode(int k) {
        script("node-start", Integer.toString(k));
    }

    /** kill -9 of the primary broker's JVM; returns once its port is closed. */
    public static void killPrimaryBroker() {
        kill(DIR.resolve("broker-primary/data/artemis.pid"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !primaryListening());
    }

    /** Starts the primary broker again: it takes the journal back from the backup (fail-back). */
    public static void startPrimaryBroker() {
        script("broker-start", "primary");
    }

    public static boolean primaryListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BROKER_HOST, PRIMARY_PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void kill(Path pidFile) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        process.destroyForcibly();
        process.onExit().join();
    }

    /** server-config/cluster.sh with this JVM's environment; its output through System.out (surefire owns the rest). */
    private static void script(String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT));
            command.addAll(List.of(args));
            Process script = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(output);
            if (!script.waitFor(15, TimeUnit.MINUTES) || script.exitValue() != 0) {
                script.destroyForcibly();
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the *ClusterIT through their failsafe execution");
        }
        return value;
    }
}
