package dev.errand.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each server's housekeeping: its heartbeat row, requeueing the jobs of servers that stopped heartbeating, and
 * retention of finished jobs (the test server runs it every 2 s: ERRAND_HOUSEKEEPING_INTERVAL in pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HousekeepingIT {

    private final Api admin = Api.admin();

    @Test
    void theServerShowsItselfWithAFreshHeartbeat() {
        Api.Response response = admin.get("/api/servers");

        assertThat(response.status()).isEqualTo(200);
        List<JsonObject> servers = response.array().stream().map(JsonValue::asJsonObject).toList();
        assertThat(servers).anySatisfy(server -> {
            assertThat(server.getString("id")).isNotBlank();
            assertThat(server.getString("host")).isNotBlank();
            assertThat(server.getInt("workers")).isEqualTo(32);
            assertThat(server.getString("queues")).isNotBlank();
            assertThat(Instant.parse(server.getString("heartbeatAt"))).isAfter(Instant.now().minusSeconds(30));
            assertThat(Instant.parse(server.getString("startedAt"))).isBeforeOrEqualTo(Instant.parse(server.getString("heartbeatAt")));
        });
        assertThat(admin.get("/api/stats").json().getJsonNumber("servers").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(Api.submitter("servers-submitter").get("/api/servers").status()).isEqualTo(403);
    }

    @Test
    void jobsOfAServerThatStoppedHeartbeatingAreRequeuedAndRunAgain() {
        OffsetDateTime tenMinutesAgo = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        insertServer("it-dead-server", tenMinutesAgo);
        // a heartbeat ahead: however long the awaits below take, this server is not found silent meanwhile
        insertServer("it-live-server", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10));
        long ofDeadServer = insertProcessingJob("it-dead-server", tenMinutesAgo);
        long ofVanishedServer = insertProcessingJob("it-vanished-server", tenMinutesAgo);
        long ofLiveServer = insertProcessingJob("it-live-server", tenMinutesAgo);

        JsonObject requeued = admin.awaitState(ofDeadServer, "SUCCEEDED");
        admin.awaitState(ofVanishedServer, "SUCCEEDED");

        assertThat(Api.states(requeued)).containsExactly("ENQUEUED", "PROCESSING", "SUCCEEDED");
        assertThat(requeued.getJsonArray("history").getJsonObject(0).getString("reason"))
                .isEqualTo("server it-dead-server stopped heartbeating; attempt 1 abandoned");
        assertThat(requeued.getInt("attempt")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Database.count("SELECT COUNT(*) FROM errand.server WHERE id = 'it-dead-server'") == 0);
        // a server that is alive keeps its jobs, however long they have been running
        assertThat(admin.job(ofLiveServer).getString("state")).isEqualTo("PROCESSING");
        assertThat(Database.count("SELECT COUNT(*) FROM errand.server WHERE id = 'it-live-server'")).isEqualTo(1);

        Database.update("DELETE FROM errand.job WHERE id = ?", ofLiveServer);
        Database.update("DELETE FROM errand.server WHERE id = 'it-live-server'");
    }

    /**
     * A server died between committing single jobs and sending their messages (the doorbell, docs/DESIGN.md §4): its
     * row says before when everything it stored had been sent; what it stored since, never started, is sent again.
     */
    @Test
    void jobsAServerStoredButMayNotHaveSentAreSentAgainWhenItIsFoundDead() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime sentBefore = now.minusMinutes(11);
        long unsent = insertStoredJob("it-silent-server", sentBefore.plusSeconds(30));
        long sentBeforeTheMark = insertStoredJob("it-silent-server", sentBefore.minusSeconds(30));
        // The server's row last: recovery, finding it silent with none of its jobs stored yet, would remove it first.
        Database.update("INSERT INTO errand.server (id, host, started_at, heartbeat_at, workers, queues, sent_before)"
                + " VALUES ('it-silent-server', 'it-host', ?, ?, 32, '*', ?)", now.minusHours(1), now.minusMinutes(10), sentBefore);

        JsonObject resent = admin.awaitState(unsent, "SUCCEEDED");

        assertThat(Api.states(resent)).containsExactly("ENQUEUED", "ENQUEUED", "PROCESSING", "SUCCEEDED");
        assertThat(resent.getJsonArray("history").getJsonObject(1).getString("reason"))
                .isEqualTo("message sent again: the server that stored the job stopped heartbeating");
        assertThat(Database.count("SELECT dispatch FROM errand.job WHERE id = ? AND state = 'ENQUEUED'", sentBeforeTheMark))
                .as("dispatch of the job stored before the mark").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Database.count("SELECT COUNT(*) FROM errand.server WHERE id = 'it-silent-server'") == 0);
        Database.update("DELETE FROM errand.job WHERE id = ?", sentBeforeTheMark);
    }

    /**
     * A job as the doorbell leaves it when its server dies before sending: ENQUEUED under its first message, with
     * the event of the server that stored it. Its updated_at lies ahead, so that recovery's grace (20 s for the test
     * server) cannot be what sends it.
     */
    private static long insertStoredJob(String server, OffsetDateTime createdAt) {
        long id = Database.count("SELECT nextval('errand.job_id_seq')");
        Database.update("INSERT INTO errand.job (id, type, queue, args, state, attempt, max_attempts, dispatch, created_at,"
                + " updated_at) VALUES (?, 'errand.noop', 'default', '{}', 'ENQUEUED', 0, 3, 1, ?, now() + interval '10 minutes')",
                id, createdAt);
        Database.update("INSERT INTO errand.job_event (id, job_id, at, state, attempt, server_id, server_instance, reason)"
                + " VALUES (nextval('errand.job_event_id_seq'), ?, ?, 'ENQUEUED', 0, 'it-node', ?, 'enqueued')", id, createdAt, server);
        return id;
    }

    @Test
    void retentionDeletesOnlyFinishedJobsOlderThanTheirPeriod() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long oldSucceeded = insertFinishedJobWithEvent("SUCCEEDED", now.minusDays(8));
        long youngSucceeded = insertFinishedJob("SUCCEEDED", now.minusDays(6));
        long oldFailed = insertFinishedJob("FAILED", now.minusDays(31));
        long youngFailed = insertFinishedJob("FAILED", now.minusDays(29));
        long oldDeleted = insertFinishedJob("DELETED", now.minusDays(8));
        long youngDeleted = insertFinishedJob("DELETED", now.minusDays(6));

        await().atMost(Duration.ofSeconds(30)).until(() -> !exists(oldSucceeded) && !exists(oldFailed) && !exists(oldDeleted));

        assertThat(Database.count("SELECT COUNT(*) FROM errand.job_event WHERE job_id = ?", oldSucceeded)).isZero();
        assertThat(List.of(youngSucceeded, youngFailed, youngDeleted)).allSatisfy(id -> assertThat(exists(id)).isTrue());

        Database.update("DELETE FROM errand.job WHERE id IN (?, ?, ?)", youngSucceeded, youngFailed, youngDeleted);
    }

    private static boolean exists(long id) {
        return Database.count("SELECT COUNT(*) FROM errand.job WHERE id = ?", id) == 1;
    }

    private static void insertServer(String id, OffsetDateTime heartbeat) {
        Database.update("INSERT INTO errand.server (id, host, started_at, heartbeat_at, workers, queues)"
                + " VALUES (?, 'it-host', ?, ?, 32, '*')", id, heartbeat.minusHours(1), heartbeat);
    }

    /** A job as a server leaves it when it dies during attempt 1: PROCESSING, its message consumed. */
    private static long insertProcessingJob(String server, OffsetDateTime startedAt) {
        long id = Database.count("SELECT nextval('errand.job_id_seq')");
        Database.update("INSERT INTO errand.job (id, type, queue, args, state, attempt, max_attempts, dispatch, created_at,"
                + " started_at, updated_at, server_id) VALUES (?, 'errand.noop', 'default', '{}', 'PROCESSING', 1, 3, 1, ?, ?, ?, ?)",
                id, startedAt, startedAt, startedAt, server);
        return id;
    }

    /** A finished job and an event of its in one statement: retention, running meanwhile, sees both or neither. */
    private static long insertFinishedJobWithEvent(String state, OffsetDateTime finishedAt) {
        long id = Database.count("SELECT nextval('errand.job_id_seq')");
        Database.update("WITH job AS (INSERT INTO errand.job (id, type, queue, args, state, attempt, max_attempts,"
                + " dispatch, created_at, started_at, finished_at, updated_at)"
                + " VALUES (?, 'errand.noop', 'default', '{}', ?, 1, 3, 1, ?, ?, ?, ?) RETURNING id)"
                + " INSERT INTO errand.job_event (id, job_id, at, state, attempt, reason)"
                + " SELECT nextval('errand.job_event_id_seq'), id, now(), ?, 1, 'it' FROM job",
                id, state, finishedAt, finishedAt, finishedAt, finishedAt, state);
        return id;
    }

    private static long insertFinishedJob(String state, OffsetDateTime finishedAt) {
        long id = Database.count("SELECT nextval('errand.job_id_seq')");
        Database.update("INSERT INTO errand.job (id, type, queue, args, state, attempt, max_attempts, dispatch, created_at,"
                + " started_at, finished_at, updated_at) VALUES (?, 'errand.noop', 'default', '{}', ?, 1, 3, 1, ?, ?, ?, ?)",
                id, state, finishedAt, finishedAt, finishedAt, finishedAt);
        return id;
    }
}
