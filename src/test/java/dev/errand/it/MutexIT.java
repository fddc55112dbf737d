package dev.errand.it;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mutex keys over REST (docs/run-control.md "Mutex keys"), with the built-in {@code errand.exclusive}
 * ({@code @JobType(mutex = "key")}, sleeps {@code millis}): jobs of one key never overlap, as the PROCESSING
 * intervals in their histories show; jobs of another key run beside them; a held job says why it waits.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MutexIT {

    private final Api admin = Api.admin();

    @Test
    void tenJobsOfOneKeyNeverOverlapWhileAnotherKeyRunsBesideThem() {
        String a = "a-" + UUID.randomUUID();
        String b = "b-" + UUID.randomUUID();
        // one submission each, a and b in turn, so each job has a message of its own: a batch may share one message
        // among jobs its type's run times call short (docs/DESIGN.md §4 "Chunks"), and a worker runs a message's jobs
        // one after the other, which would keep a and b from ever running side by side
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(admin.enqueue(job(a, 500)));
            ids.add(admin.enqueue(job(b, 500)));
        }

        List<JobObservations.Interval> ofA = new ArrayList<>();
        List<JobObservations.Interval> ofB = new ArrayList<>();
        boolean heldSeen = false;
        for (int i = 0; i < ids.size(); i++) {
            JsonObject job = admin.awaitJob(ids.get(i), j -> j.getString("state").equals("SUCCEEDED"));
            (i % 2 == 0 ? ofA : ofB).addAll(JobObservations.processing(job));
            heldSeen |= JobObservations.reasons(job).stream()
                    .anyMatch(r -> r.startsWith("held: mutex key=" + a + " is held by job "));
        }
        assertThat(ofA).hasSize(10);
        assertThat(JobObservations.maxOverlap(ofA)).as("jobs of key a at once").isEqualTo(1);
        assertThat(JobObservations.maxOverlap(ofB)).as("jobs of key b at once").isEqualTo(1);
        List<JobObservations.Interval> all = new ArrayList<>(ofA);
        all.addAll(ofB);
        assertThat(JobObservations.maxOverlap(all)).as("a job of a and one of b at once").isEqualTo(2);
        assertThat(heldSeen).as("some job of a says its key held it").isTrue();
    }

    @Test
    void aHeldJobSaysWhichJobHoldsItsKeyAndStartsWhenThatOneEnds() {
        String key = "h-" + UUID.randomUUID();
        // long enough that the second job is claimed while it runs, however slow the delivery
        long holder = admin.enqueue(job(key, 8000));
        admin.awaitState(holder, "PROCESSING");
        long waiting = admin.enqueue(job(key, 10));

        String reason = "held: mutex key=" + key + " is held by job " + holder + "; starts when it ends";
        JsonObject held = admin.awaitJob(waiting, j -> JobObservations.reasons(j).contains(reason));
        assertThat(held.getString("state")).isEqualTo("ENQUEUED");

        JsonObject done = admin.awaitState(waiting, "SUCCEEDED");
        JsonObject first = admin.job(holder);
        assertThat(first.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(JobObservations.reasons(done)).contains("released: mutex key=" + key + " is free; message sent again");
        assertThat(JobObservations.processing(done).get(0).start())
                .isAfterOrEqualTo(JobObservations.processing(first).get(0).end());
    }

    @Test
    void aSubmissionWithoutTheKeyIsRefusedAndStoresNothing() {
        long before = stored();
        assertProblem(admin.post("/api/jobs", "{\"type\":\"errand.exclusive\",\"args\":{\"millis\":1}}"), 422,
                "args.key");
        assertProblem(admin.post("/api/jobs", "{\"type\":\"errand.exclusive\",\"args\":{\"key\":null,\"millis\":1}}"),
                422, "args.key");
        assertProblem(admin.post("/api/jobs/batch", "[" + job("k", 1) + ",{\"type\":\"errand.exclusive\","
                + "\"args\":{\"millis\":1}}]"), 422, "[1].args.key");
        assertThat(stored()).isEqualTo(before);

        JsonObject type = admin.get("/api/job-types/errand.exclusive").json();
        assertThat(type.getString("mutex")).isEqualTo("key");
        assertThat(admin.get("/api/job-types/errand.noop").json().isNull("mutex")).isTrue();
    }

    private static String job(String key, int millis) {
        return "{\"type\":\"errand.exclusive\",\"args\":{\"key\":\"" + key + "\",\"millis\":" + millis + "}}";
    }

    /** Jobs of errand.exclusive stored, in any state. */
    private long stored() {
        return admin.get("/api/job-types/errand.exclusive").json().getJsonObject("counts").values().stream()
                .mapToLong(v -> ((jakarta.json.JsonNumber) v).longValue()).sum();
    }
}
