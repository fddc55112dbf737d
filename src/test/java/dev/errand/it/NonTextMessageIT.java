package dev.errand.it;

import dev.errand.it.probe.SendServlet;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Only TextMessages are read (docs/security.md): another kind of message on errand.jobs, even one whose content
 * names a real job, is refused before its body is touched, goes through redelivery to the dead-letter queue, and
 * is dropped there with its reason in the server log; no job changes. WildFly only, like DuplicateMessageIT (the
 * probe deployment sends the raw message).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NonTextMessageIT {

    private static final Path SERVER_LOG = Path.of(System.getProperty("errand.it.baseDir"), "log", "server.log");

    @Deployment(testable = false)
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "errand-probe.war").addClass(SendServlet.class);
    }

    private final Api admin = Api.admin();

    /** Both kinds at once: each waits 15 s of broker back-off, side by side rather than one after the other. */
    @Test
    void objectAndBytesMessagesAreDeadLetteredUnreadAndChangeNoJob() {
        // due in an hour: read as a job reference, such a message would run it now
        long object = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT1H\"}");
        long bytes = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT1H\"}");
        JsonObject objectBefore = admin.job(object);
        JsonObject bytesBefore = admin.job(bytes);

        String objectMessage = send(object + ":" + Database.dispatchOf(object), "object");
        String bytesMessage = send(bytes + ":" + Database.dispatchOf(bytes), "bytes");

        // the broker's redeliveries (1 + 2 + 4 + 8 s back-off) before the dead-letter queue's consumer drops them
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(serverLog()).contains(
                "Dropped an unreadable dead letter " + objectMessage + ", no job changed: not a TextMessage",
                "Dropped an unreadable dead letter " + bytesMessage + ", no job changed: not a TextMessage"));
        assertThat(serverLog()).contains("Unreadable message " + objectMessage + " on errand.jobs",
                "Unreadable message " + bytesMessage + " on errand.jobs");
        assertThat(admin.job(object)).isEqualTo(objectBefore);
        assertThat(admin.job(bytes)).isEqualTo(bytesBefore);
    }

    private static String send(String body, String kind) {
        Api.Response sent = Api.anonymous().postRaw("/errand-probe/send?kind=" + kind + "&body="
                + URLEncoder.encode(body, StandardCharsets.UTF_8), "application/x-www-form-urlencoded", new byte[0]);
        assertThat(sent.status()).as(sent.body()).isEqualTo(204);
        String messageId = sent.header("X-Message-Id");
        assertThat(messageId).isNotBlank();
        return messageId;
    }

    private static String serverLog() {
        try {
            return Files.readString(SERVER_LOG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
