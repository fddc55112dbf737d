package dev.errand.it;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Errand's server is down while work for it arrives: another Errand node, which shares the database and the standalone
 * broker, accepts a job and a delayed job, and the delayed one falls due before the server is back. When it is back,
 * the server runs both from the messages the other node sent, once each.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerOutageIT {

    private static final String SERVER = "errand-restart";
    private static final String OTHER_NODE = "errand-2";

    @ArquillianResource
    ContainerController container;

    @Test
    void jobsAcceptedByAnotherNodeWhileTheServerIsDownRunWhenItIsBack() throws Exception {
        // Recovery's grace as in production: a shorter one could send these jobs' messages again (a new dispatch)
        // before the server, still booting, has found the other node's. The arguments stay with the container.
        container.start(SERVER, Map.of("jbossArguments", "-Derrand.recovery.grace=PT5M"));
        Api admin = Api.admin();
        JsonObject reference = admin.awaitState(admin.enqueue("{\"type\":\"errand.noop\"}"), "SUCCEEDED");
        int maxAttempts = reference.getInt("maxAttempts");
        container.stop(SERVER);

        long now = enqueueOnOtherNode(maxAttempts, null);
        Instant due = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        long delayed = enqueueOnOtherNode(maxAttempts, due);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(due));
        container.start(SERVER);

        JsonObject ran = admin.awaitState(now, "SUCCEEDED");
        assertThat(Api.states(ran)).containsExactly("ENQUEUED", "PROCESSING", "SUCCEEDED");
        // accepted by the other node, run by this server (whose id is new at every start)
        assertThat(servers(ran)).containsExactly(OTHER_NODE, serverOf(ran), serverOf(ran));
        assertThat(serverOf(ran)).isNotEqualTo(OTHER_NODE);
        JsonObject ranLater = admin.awaitState(delayed, "SUCCEEDED");
        assertThat(Api.states(ranLater)).containsExactly("SCHEDULED", "PROCESSING", "SUCCEEDED");
        // dispatch 1: the other node's message ran them, not one that recovery sent again
        assertThat(Database.dispatchOf(now)).isEqualTo(1);
        assertThat(Database.dispatchOf(delayed)).isEqualTo(1);
        container.stop(SERVER);
    }

    /**
     * What JobLifecycle.create does on the other node: the job row and its first history event in one transaction,
     * then the message {@code id:dispatch}, held back by the broker until a delayed job is due.
     */
    private static long enqueueOnOtherNode(int maxAttempts, Instant runAt) throws SQLException {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String state = runAt == null ? "ENQUEUED" : "SCHEDULED";
        String reason = runAt == null ? "enqueued by admin" : "scheduled for " + runAt + " by admin";
        long id;
        try (Connection db = Database.connect()) {
            db.setAutoCommit(false);
            id = nextId(db);
            try (PreparedStatement job = db.prepareStatement("INSERT INTO errand.job (id, type, queue, args, state, attempt,"
                    + " max_attempts, dispatch, created_at, scheduled_at, updated_at, submitted_by)"
                    + " VALUES (?, 'errand.noop', 'default', '{}', ?, 0, ?, 1, ?, ?, ?, 'admin')");
                 PreparedStatement event = db.prepareStatement("INSERT INTO errand.job_event (id, job_id, at, state, attempt,"
                         + " server_id, reason) VALUES (nextval('errand.job_event_id_seq'), ?, ?, ?, 0, ?, ?)")) {
                job.setLong(1, id);
                job.setString(2, state);
                job.setInt(3, maxAttempts);
                job.setObject(4, at);
                job.setObject(5, runAt == null ? null : runAt.atOffset(ZoneOffset.UTC));
                job.setObject(6, at);
                job.executeUpdate();
                event.setLong(1, id);
                event.setObject(2, at);
                event.setString(3, state);
                event.setString(4, OTHER_NODE);
                event.setString(5, reason);
                event.executeUpdate();
            }
            db.commit();
        }
        Broker.send(id + ":1", runAt == null ? Duration.ZERO : Duration.between(Instant.now(), runAt));
        return id;
    }

    /** A whole block of the sequence (the servers take blocks of 500 ids): no server hands out this id. */
    private static long nextId(Connection db) throws SQLException {
        try (PreparedStatement next = db.prepareStatement("SELECT nextval('errand.job_id_seq')");
             ResultSet row = next.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> servers(JsonObject job) {
        return job.getJsonArray("history").stream().map(e -> e.asJsonObject().getString("server"))
                .collect(Collectors.toList());
    }

    private static String serverOf(JsonObject job) {
        return job.getString("server");
    }
}
