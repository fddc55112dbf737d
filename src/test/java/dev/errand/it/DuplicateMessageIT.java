package dev.errand.it;

import dev.errand.it.probe.SendServlet;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** At-least-once delivery made harmless: a message for a job that already finished changes nothing. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DuplicateMessageIT {

    @Deployment(testable = false)
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "errand-probe.war").addClass(SendServlet.class);
    }

    private final Api admin = Api.admin();

    @Test
    void aDuplicateMessageForAFinishedJobChangesNothing() {
        long finished = admin.enqueue("{\"type\":\"errand.noop\"}");
        JsonObject before = admin.awaitState(finished, "SUCCEEDED");
        // A job due in an hour rides in the same message: once it has run, the duplicate was handled too.
        long sentinel = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT1H\"}");

        send(finished + ":" + Database.dispatchOf(finished) + "," + sentinel + ":" + Database.dispatchOf(sentinel));
        admin.awaitState(sentinel, "SUCCEEDED");

        JsonObject after = admin.job(finished);
        assertThat(after).isEqualTo(before);
        assertThat(Api.states(after)).containsExactly("ENQUEUED", "PROCESSING", "SUCCEEDED");
    }

    @Test
    void aStaleMessageFromBeforeARequeueDoesNotRunTheJobAgain() {
        long id = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1}}");
        admin.awaitState(id, "FAILED");
        int staleDispatch = Database.dispatchOf(id);
        admin.post("/api/jobs/" + id + "/requeue", "");
        JsonObject requeued = admin.awaitJob(id, j -> Api.states(j).size() == 6);
        long sentinel = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT1H\"}");

        send(id + ":" + staleDispatch + "," + sentinel + ":" + Database.dispatchOf(sentinel));
        admin.awaitState(sentinel, "SUCCEEDED");

        assertThat(admin.job(id)).isEqualTo(requeued);
    }

    private static void send(String body) {
        Api.Response sent = Api.anonymous().postRaw("/errand-probe/send?body=" + URLEncoder.encode(body, StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", new byte[0]);
        assertThat(sent.status()).as(sent.body()).isEqualTo(204);
    }
}
