package dev.errand.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The standalone broker is killed (kill -9) while clients submit jobs, single and in batches, and is started again
 * a few seconds later. The clients retry what was refused, as the API asks (503, Retry-After). No submission gets a
 * 500; every accepted job succeeds, exactly once; a refused submission stored nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokerOutageIT {

    private static final String SERVER = "errand-restart";
    private static final int BATCH = 20;
    private static final int BEFORE = 200;
    private static final int AFTER = 200;

    @ArquillianResource
    ContainerController container;

    @Test
    void aBrokerKilledUnderLoadLosesNoAcceptedJob() throws Exception {
        // A message lost between the database's commit and the broker's is sent again by recovery (every 30 s) after
        // this grace, 5 minutes in production. Passed at each start: the arguments stay with the container.
        container.start(SERVER, Map.of("jbossArguments", "-Derrand.recovery.grace=PT10S"));
        Load load = new Load("outage-" + System.currentTimeMillis());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = List.of(clients.submit(() -> load.submit(false)), clients.submit(() -> load.submit(false)),
                clients.submit(() -> load.submit(true)), clients.submit(() -> load.submit(true)));

        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedJobs() >= BEFORE);
            Broker.kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> !load.refused.isEmpty());
            Broker.start();
            int restarted = load.acceptedJobs();
            await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedJobs() >= restarted + AFTER);
        } finally {
            load.stop();
            clients.shutdown();
        }
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        for (Future<?> client : running) {
            client.get(); // a client that died of an exception fails the test here
        }

        assertThat(load.unexpected).as("answers other than 201 and 503").isEmpty();
        Map<String, Set<Long>> stored = Database.grouped("SELECT queue, id FROM errand.job WHERE queue LIKE ?", load.run + "-%");
        assertThat(stored).as("jobs stored per submission").isEqualTo(load.accepted);
        assertThat(load.refused).as("refused submissions").isNotEmpty().doesNotContainAnyElementsOf(stored.keySet());

        Set<Long> ids = load.accepted.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT COUNT(*) FROM errand.job WHERE queue LIKE ? AND state = 'SUCCEEDED'", load) == ids.size());
        assertThat(count("SELECT COUNT(*) FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id"
                + " WHERE j.queue LIKE ? AND e.state = 'SUCCEEDED'", load)).as("SUCCEEDED events").isEqualTo(ids.size());
        System.out.printf("%d jobs accepted in %d submissions, %d submissions refused with 503; %d jobs' messages sent again"
                        + " by recovery%n", ids.size(), load.accepted.size(), load.refused.size(),
                count("SELECT COUNT(*) FROM errand.job WHERE queue LIKE ? AND dispatch > 1", load));
        container.stop(SERVER);
    }

    private static long count(String sql, Load load) {
        return Database.count(sql, load.run + "-%");
    }

    /**
     * Clients that submit until stopped. Each submission gets its own queue name, {@code run-n}, so that what it
     * stored can be told apart; a submission refused with 503 is retried as a new one after Retry-After.
     */
    private static final class Load {
        final String run;
        final AtomicBoolean running = new AtomicBoolean(true);
        final CountDownLatch stopped = new CountDownLatch(1);
        final AtomicInteger submissions = new AtomicInteger();
        final Map<String, Set<Long>> accepted = new ConcurrentHashMap<>();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

        Load(String run) {
            this.run = run;
        }

        int acceptedJobs() {
            return accepted.values().stream().mapToInt(Set::size).sum();
        }

        void submit(boolean batches) {
            Api admin = Api.admin();
            while (running.get()) {
                String queue = run + "-" + submissions.incrementAndGet();
                String job = "{\"type\":\"errand.sleep\",\"args\":{\"millis\":10},\"queue\":\"" + queue + "\"}";
                Api.Response response;
                try {
                    response = batches ? admin.post("/api/jobs/batch", "[" + String.join(",", Collections.nCopies(BATCH, job)) + "]")
                            : admin.post("/api/jobs", job);
                } catch (RuntimeException e) {
                    unexpected.add(queue + ": " + e);
                    continue;
                }
                if (response.status() == 201) {
                    accepted.put(queue, ids(response, batches));
                } else if (response.status() == 503 && response.contentType().startsWith("application/problem+json")
                        && response.header("Retry-After") != null) {
                    refused.add(queue);
                    pause(Duration.ofSeconds(Long.parseLong(response.header("Retry-After"))));
                } else {
                    unexpected.add(queue + ": " + response);
                }
            }
        }

        private static Set<Long> ids(Api.Response response, boolean batch) {
            if (!batch) {
                return Set.of(response.json().getJsonNumber("id").longValue());
            }
            Set<Long> ids = new HashSet<>();
            response.json().getJsonArray("items").forEach(item -> ids.add(item.asJsonObject().getJsonNumber("id").longValue()));
            return ids;
        }

        void stop() {
            running.set(false);
            stopped.countDown();
        }

        /** A client's back-off, as Retry-After asks; cut short when the load stops. */
        private void pause(Duration duration) {
            try {
                stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
