package dev.errand.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A paused queue and a job type's limits outlive a restart of the server (docs/run-control.md): both are rows in
 * PostgreSQL. Runs in the restart execution (manual container {@code errand-restart}), like RecurringRestartIT.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RunControlRestartIT {

    private static final String SERVER = "errand-restart";

    @ArquillianResource
    ContainerController containers;

    private final Api admin = Api.admin();

    @Test
    void aPauseAndATypesLimitSurviveARestart() {
        String queue = "it-restart-paused-" + Long.toString(System.nanoTime(), 36);
        containers.start(SERVER);
        try {
            assertThat(admin.post("/api/queues/" + queue + "/pause", "").status()).isEqualTo(200);
            assertThat(admin.put("/api/job-types/errand.fail", "{\"concurrency\":3,\"rate\":\"5/PT1M\"}").status())
                    .isEqualTo(200);
            long held = admin.enqueue("{\"type\":\"errand.noop\",\"queue\":\"" + queue + "\"}");
            admin.awaitJob(held, job -> job.getJsonArray("history").stream()
                    .anyMatch(e -> e.asJsonObject().getString("reason", "").contains("is paused")));

            containers.stop(SERVER);
            containers.start(SERVER);

            assertThat(admin.get("/api/queues/" + queue).json().getBoolean("paused")).isTrue();
            assertThat(admin.get("/api/job-types/errand.fail").json().getInt("concurrency")).isEqualTo(3);
            assertThat(admin.get("/api/job-types/errand.fail").json().getString("rate")).isEqualTo("5/PT1M");
            // a sentinel in another queue runs after the start: by then the held job's queue was consulted again
            admin.awaitState(admin.enqueue("{\"type\":\"errand.noop\"}"), "SUCCEEDED");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> admin.job(held).getString("state").equals("ENQUEUED"));

            assertThat(admin.post("/api/queues/" + queue + "/resume", "").json().getInt("released")).isEqualTo(1);
            admin.awaitState(held, "SUCCEEDED");
        } finally {
            admin.put("/api/job-types/errand.fail", "{}");
            containers.stop(SERVER);
        }
    }
}
