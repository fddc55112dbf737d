package dev.errand.it;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import static org.awaitility.Awaitility.await;

/**
 * The standalone Artemis broker of the *OutageIT execution, as its operator would handle it: started by
 * server-config/artemis/broker.sh (settings from the environment the pom gives this JVM), killed with SIGKILL, and used
 * by a client that is not the server under test.
 */
public final class Broker {

    private static final String HOST = System.getenv().getOrDefault("ERRAND_BROKER_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(required("ERRAND_BROKER_PORT"));
    private static final Path INSTANCE = Path.of(required("ERRAND_BROKER_INSTANCE"));
    private static final String SCRIPT = System.getProperty("errand.it.brokerScript", "server-config/artemis/broker.sh");

    private Broker() {
    }

    /** {@code broker.sh start}: returns once the broker listens. */
    public static void start() {
        try {
            // its output through this JVM's System.out: surefire owns the forked JVM's native streams
            Process script = new ProcessBuilder("bash", SCRIPT, "start").redirectErrorStream(true).start();
            String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(output);
            if (!script.waitFor(1, TimeUnit.MINUTES) || script.exitValue() != 0) {
                script.destroyForcibly();
                throw new IllegalStateException("broker.sh start failed: " + output + "; see " + INSTANCE.resolve("log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9 of the broker's JVM (the one its instance's pid file names); returns once its port is closed. */
    public static void kill() {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(INSTANCE.resolve("data/artemis.pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no broker process " + pid));
        broker.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !listening());
    }

    public static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends one text message to {@code errand.jobs}, persistent, held back {@code delay} by the broker. */
    public static void send(String body, Duration delay) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://" + HOST + ":" + PORT);
             JMSContext jms = factory.createContext(System.getenv().getOrDefault("ERRAND_BROKER_USER", "errand"),
                     required("ERRAND_BROKER_PASSWORD"), JMSContext.SESSION_TRANSACTED)) {
            JMSProducer producer = jms.createProducer();
            if (delay.toMillis() > 0) {
                producer.setDeliveryDelay(delay.toMillis());
            }
            producer.send(jms.createQueue("errand.jobs"), body);
            jms.commit();
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the *OutageIT through their failsafe execution");
        }
        return value;
    }
}
