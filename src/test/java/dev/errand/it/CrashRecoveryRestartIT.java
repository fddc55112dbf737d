package dev.errand.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server dies (kill -9) in the middle of draining a chunked backlog. After the restart every job ends
 * SUCCEEDED, and exactly once in its history: none lost, none finished twice.
 *
 * <p>The kill must land mid-drain whatever the machine's speed. The jobs are delayed, so the whole backlog is
 * stored before any of it starts, and each sleeps: with at most {@value #WORKERS} running at once the drain
 * cannot take less than {@code JOBS * SLEEP_MILLIS / WORKERS} = 15.6 s, however fast the machine, while the kill
 * follows at once when the first jobs have finished and at least {@value #MIN_RUNNING_AT_KILL} are running. The
 * test asserts and prints how far the drain had come.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrashRecoveryRestartIT {

    private static final String SERVER = "errand-restart";
    private static final int JOBS = 2_000;
    private static final int SLEEP_MILLIS = 250;
    /** The MDB sessions of a server (JobWorker's maxSession): the most jobs that run at once. */
    private static final int WORKERS = 32;
    private static final int MIN_RUNNING_AT_KILL = 5;

    @ArquillianResource
    ContainerController container;

    @Test
    void aServerKilledWhileDrainingLosesNoJobAndFinishesNoneTwice() throws Exception {
        container.start(SERVER);
        Api admin = Api.admin();
        List<Long> ids = new ArrayList<>(JOBS);
        String job = "{\"type\":\"errand.sleep\",\"args\":{\"millis\":" + SLEEP_MILLIS + "},\"delay\":\"PT3S\"}";
        for (int batch = 0; batch < JOBS / 500; batch++) {
            Api.Response response = admin.post("/api/jobs/batch", "[" + String.join(",", Collections.nCopies(500, job)) + "]");
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            response.json().getJsonArray("items").forEach(item -> ids.add(item.asJsonObject().getJsonNumber("id").longValue()));
        }
        long first = ids.get(0);
        long last = ids.get(ids.size() - 1);
        ProcessHandle server = serverProcess(); // looked up first: the kill follows the await at once
        // the first jobs have finished and the workers are busy (they start slowly on a freshly booted server)
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> succeeded(first, last) > 0 && processing(first, last) >= MIN_RUNNING_AT_KILL);
        server.destroyForcibly();
        server.onExit().get();
        long doneAtKill = succeeded(first, last);
        String runningAtKill = Database.text("SELECT string_agg(id::text, ',') FROM errand.job WHERE id BETWEEN ? AND ?"
                + " AND state = 'PROCESSING'", first, last);
        assertThat(runningAtKill).as("jobs running when the server died").isNotNull();
        int running = runningAtKill.split(",").length;
        System.out.printf("CrashRecoveryRestartIT: killed the server mid-drain: %d of %d jobs SUCCEEDED, %d PROCESSING%n",
                doneAtKill, JOBS, running);
        assertThat(doneAtKill).as("the crash must come mid-drain").isBetween(1L, JOBS - 1L);
        container.stop(SERVER); // a no-op on a dead process, but Arquillian must know it is down
        container.start(SERVER);

        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500))
                .until(() -> succeeded(first, last) == JOBS);
        assertThat(Database.count("SELECT COUNT(*) FROM errand.job_event WHERE job_id BETWEEN ? AND ? AND state = 'SUCCEEDED'",
                first, last)).as("SUCCEEDED events").isEqualTo(JOBS);
        assertThat(Database.count("SELECT COUNT(*) FROM (SELECT job_id FROM errand.job_event WHERE job_id BETWEEN ? AND ?"
                + " AND state = 'SUCCEEDED' GROUP BY job_id HAVING COUNT(*) > 1) twice", first, last)).isZero();
        // the broker hands the dead server's messages back ("interrupted"), or, if the restart outlasts the server
        // timeout, orphan recovery gets there first ("abandoned"): either way each attempt cut short is on record
        assertThat(Database.count("SELECT COUNT(DISTINCT job_id) FROM errand.job_event WHERE job_id IN (" + runningAtKill + ")"
                + " AND (reason LIKE '%was interrupted%' OR reason LIKE '%abandoned%')"))
                .as("jobs whose attempt the crash cut short, with that recorded").isEqualTo(running);
        container.stop(SERVER);
    }

    private static long processing(long first, long last) {
        return Database.count("SELECT COUNT(*) FROM errand.job WHERE id BETWEEN ? AND ? AND state = 'PROCESSING'", first, last);
    }

    private static long succeeded(long first, long last) {
        return Database.count("SELECT COUNT(*) FROM errand.job WHERE id BETWEEN ? AND ? AND state = 'SUCCEEDED'", first, last);
    }

    /** The test server's JVM: the one whose base directory is this build's test server. */
    private static ProcessHandle serverProcess() {
        String baseDir = "-Djboss.server.base.dir=" + System.getProperty("errand.it.baseDir");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar") && c.contains(baseDir)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no server process with " + baseDir));
    }
}
