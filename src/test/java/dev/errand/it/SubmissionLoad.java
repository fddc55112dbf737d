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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that submit until stopped, while a test takes the broker away. Each submission gets its own queue name,
 * {@code run-n}, so that what it stored can be told apart; a submission refused with 503 (problem+json, Retry-After)
 * is retried as a new one after Retry-After, as the API asks. Anything else, an exception (a timeout: the client's
 * requests are bounded, see {@link Api}) included, is unexpected.
 */
public final class SubmissionLoad {

    private static final int BATCH = 20;

    public final String run;
    public final Map<String, Set<Long>> accepted = new ConcurrentHashMap<>();
    public final Set<String> refused = ConcurrentHashMap.newKeySet();
    public final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    /** The queue names of the single submissions (the rest are batches). */
    public final Set<String> singles = ConcurrentHashMap.newKeySet();
    /** When each submission was sent (System.nanoTime), by queue name. */
    public final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    /** When the first 503 was answered (System.nanoTime), 0 before. */
    public volatile long firstRefusedAt;
    /** When each accepted submission was answered (System.nanoTime), by queue name. */
    public final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger submissions = new AtomicInteger();
    private final ExecutorService clients = Executors.newFixedThreadPool(4);
    private final List<Future<?>> loops = new ArrayList<>();

    public SubmissionLoad(String run) {
        this.run = run;
    }

    /** Four clients, two of single jobs and two of batches; each sends to the servers in turn, starting at another. */
    public static SubmissionLoad start(String run, List<Api> servers) {
        SubmissionLoad load = new SubmissionLoad(run + "-" + System.currentTimeMillis());
        for (int client = 0; client < 4; client++) {
            List<Api> order = new ArrayList<>(servers);
            Collections.rotate(order, client);
            boolean batches = client % 2 == 1;
            load.loops.add(load.clients.submit(() -> load.submit(order, batches)));
        }
        return load;
    }

    /** Stops the clients and waits for them; a client that died of an exception fails the test here. */
    public void stopAndJoin() throws InterruptedException, ExecutionException {
        stop();
        clients.shutdown();
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        for (Future<?> loop : loops) {
            loop.get();
        }
    }

    /**
     * Each answer held: 201 or 503 only, an accepted submission stored exactly its jobs, a refused one nothing; then
     * every accepted job ends SUCCEEDED with one SUCCEEDED event. Returns the number of accepted jobs.
     */
    public int assertEveryAcceptedJobSucceededOnce() {
        assertThat(unexpected).as("answers other than 201 and 503 + Retry-After").isEmpty();
        Map<String, Set<Long>> stored = Database.grouped("SELECT queue, id FROM errand.job WHERE queue LIKE ?", run + "-%");
        assertThat(stored).as("jobs stored per submission").isEqualTo(accepted);
        assertThat(refused).as("refused submissions").doesNotContainAnyElementsOf(stored.keySet());
        Set<Long> ids = accepted.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT COUNT(*) FROM errand.job WHERE queue LIKE ? AND state = 'SUCCEEDED'") == ids.size());
        assertThat(count("SELECT COUNT(*) FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id"
                + " WHERE j.queue LIKE ? AND e.state = 'SUCCEEDED'")).as("SUCCEEDED events").isEqualTo(ids.size());
        return ids.size();
    }

    /** The accepted jobs whose message recovery sent again (the broker lost it, or it was in doubt). */
    public long resent() {
        return count("SELECT COUNT(*) FROM errand.job WHERE queue LIKE ? AND dispatch > 1");
    }

    private long count(String sql) {
        return Database.count(sql, run + "-%");
    }

    public int acceptedJobs() {
        return accepted.values().stream().mapToInt(Set::size).sum();
    }

    /** One client's loop: single jobs or batches of {@value #BATCH}, sent to each of the servers in turn. */
    private void submit(List<Api> servers, boolean batches) {
        int turn = 0;
        while (running.get()) {
            Api server = servers.get(turn++ % servers.size());
            String queue = run + "-" + submissions.incrementAndGet();
            String job = "{\"type\":\"errand.sleep\",\"args\":{\"millis\":10},\"queue\":\"" + queue + "\"}";
            if (!batches) {
                singles.add(queue);
            }
            sentAt.put(queue, System.nanoTime());
            Api.Response response;
            try {
                response = batches ? server.post("/api/jobs/batch", "[" + String.join(",", Collections.nCopies(BATCH, job)) + "]")
                        : server.post("/api/jobs", job);
            } catch (RuntimeException e) {
                unexpected.add(queue + ": " + e);
                continue;
            }
            if (response.status() == 201) {
                accepted.put(queue, ids(response, batches));
                acceptedAt.put(queue, System.nanoTime());
            } else if (response.status() == 503 && response.contentType().startsWith("application/problem+json")
                    && response.header("Retry-After") != null) {
                if (refused.isEmpty()) {
                    firstRefusedAt = System.nanoTime();
                }
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

    private void stop() {
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
