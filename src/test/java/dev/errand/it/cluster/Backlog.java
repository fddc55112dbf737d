package dev.errand.it.cluster;

import dev.errand.it.Api;
import dev.errand.it.Database;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog of sleeping jobs in a queue of its own, submitted in batches spread over the cluster's nodes, and what the
 * database says about it: the history events are the record of who ran what, and how often.
 */
final class Backlog {

    private static final int BATCH = 250;

    final String queue;
    final List<Long> ids = new ArrayList<>();

    private Backlog(String queue) {
        this.queue = queue;
    }

    /** {@code jobs} jobs of {@code errand.sleep} for {@code millis}, due after {@code delay} (ISO-8601, or null). */
    static Backlog submit(String name, int jobs, int millis, String delay) {
        Backlog backlog = new Backlog(name + "-" + System.currentTimeMillis());
        String job = "{\"type\":\"errand.sleep\",\"args\":{\"millis\":" + millis + "},\"queue\":\"" + backlog.queue + "\""
                + (delay == null ? "" : ",\"delay\":\"" + delay + "\"") + "}";
        for (int batch = 0; batch * BATCH < jobs; batch++) {
            Api node = Cluster.node(1 + batch % Cluster.SIZE);
            int size = Math.min(BATCH, jobs - batch * BATCH);
            Api.Response response = node.post("/api/jobs/batch", "[" + String.join(",", Collections.nCopies(size, job)) + "]");
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            response.json().getJsonArray("items").forEach(item -> backlog.ids.add(item.asJsonObject().getJsonNumber("id").longValue()));
        }
        return backlog;
    }

    long succeeded() {
        return Database.count("SELECT COUNT(*) FROM errand.job WHERE queue = ? AND state = 'SUCCEEDED'", queue);
    }

    long succeededEvents() {
        return Database.count("SELECT COUNT(*) FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id"
                + " WHERE j.queue = ? AND e.state = 'SUCCEEDED'", queue);
    }

    long finishedTwice() {
        return Database.count("SELECT COUNT(*) FROM (SELECT e.job_id FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id"
                + " WHERE j.queue = ? AND e.state = 'SUCCEEDED' GROUP BY e.job_id HAVING COUNT(*) > 1) twice", queue);
    }

    /** SUCCEEDED events per server (the history's server column), in the servers' order. */
    Map<String, Long> succeededByServer() {
        Map<String, Long> shares = new TreeMap<>();
        Database.grouped("SELECT e.server_id, e.job_id FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id"
                + " WHERE j.queue = ? AND e.state = 'SUCCEEDED'", queue)
                .forEach((server, jobs) -> shares.put(server, (long) jobs.size()));
        return shares;
    }

    /**
     * What a drain that did not finish left behind, for the failure's message: the count per state, and the first few
     * unfinished jobs with where they ran and their whole history.
     */
    String unfinished() {
        return "per state {" + Database.text("SELECT string_agg(state || '=' || n, ', ') FROM (SELECT state, COUNT(*) n"
                + " FROM errand.job WHERE queue = ? GROUP BY state ORDER BY state) s", queue) + "}; first unfinished: "
                + Database.text("SELECT string_agg(line, ' | ') FROM (SELECT '#' || j.id || ' ' || j.state || ' attempt '"
                + " || j.attempt || ' dispatch ' || j.dispatch || ' on ' || COALESCE(j.server_instance, '-') || ' updated '"
                + " || to_char(j.updated_at AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') || ': ' || (SELECT string_agg("
                + "to_char(e.at AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') || ' ' || e.state || ' ' || COALESCE(e.server_instance, '-')"
                + " || ' ' || COALESCE(e.reason, ''), ' > ' ORDER BY e.at, e.id) FROM errand.job_event e WHERE e.job_id = j.id) line"
                + " FROM errand.job j WHERE j.queue = ? AND j.state <> 'SUCCEEDED' ORDER BY j.id LIMIT 5) t", queue);
    }

    /** Every job SUCCEEDED, each with exactly one SUCCEEDED event: none lost, none finished twice. */
    void assertEachRanOnce() {
        assertThat(succeeded()).as("jobs SUCCEEDED").isEqualTo(ids.size());
        assertThat(succeededEvents()).as("SUCCEEDED events").isEqualTo(ids.size());
        assertThat(finishedTwice()).as("jobs finished twice").isZero();
    }
}
