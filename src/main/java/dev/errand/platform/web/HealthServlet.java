package dev.errand.platform.web;

import static dev.errand.platform.JsonSupport.JSON;

import dev.errand.platform.Schema;
import dev.errand.platform.SchemaReadiness;
import jakarta.annotation.Resource;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * {@code GET /health}: readiness, anonymous. UP only when the schema is migrated, the database answers and the
 * {@link HealthCheck}s (the job engine's broker) pass: a server reports "started" even when its database is down.
 * {@code checks} names every part checked; with no {@link HealthCheck} bean at all the answer is DOWN, because a
 * health answer that silently checks less than the application depends on is worse than none (docs/rest-api.md).
 * The answer is measured at most every {@link #FRESH} ({@code checkedAt} says when) and shared by all callers.
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

    @Resource(lookup = Schema.DATASOURCE)
    DataSource dataSource;

    @Inject
    SchemaReadiness readiness;

    @Inject
    @Any
    Instance<HealthCheck> checks;

    /** How long one measurement answers every caller: anonymous calls must not each take a connection and a session. */
    static final Duration FRESH = Duration.ofSeconds(2);

    private record Answer(long measuredNanos, boolean up, String json) {
    }

    private final ReentrantLock measuring = new ReentrantLock();
    private volatile Answer last;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Answer answer = current();
        response.setStatus(answer.up() ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(answer.json());
    }

    /** The last answer while it is fresh; one caller measures anew, the others meanwhile get the last answer. */
    private Answer current() {
        Answer seen = last;
        if (seen != null && isFresh(seen)) {
            return seen;
        }
        if (seen != null && !measuring.tryLock()) {
            return seen;
        }
        if (seen == null) {
            measuring.lock();
        }
        try {
            seen = last;
            if (seen == null || !isFresh(seen)) {
                seen = measure();
                last = seen;
            }
            return seen;
        } finally {
            measuring.unlock();
        }
    }

    private static boolean isFresh(Answer answer) {
        return System.nanoTime() - answer.measuredNanos() < FRESH.toNanos();
    }

    private Answer measure() {
        String database = check(this::database);
        List<HealthCheck> dependencies = checks.stream().sorted(Comparator.comparing(HealthCheck::name)).toList();
        boolean up = readiness.isReady() && database.equals("UP") && !dependencies.isEmpty();
        JsonObjectBuilder parts = JSON.createObjectBuilder();
        JsonArrayBuilder names = JSON.createArrayBuilder().add("schema").add("database");
        for (HealthCheck dependency : dependencies) {
            String state = check(dependency::check);
            up &= state.equals("UP");
            parts.add(dependency.name(), state);
            names.add(dependency.name());
        }
        if (dependencies.isEmpty()) {
            parts.add("dependencies", "DOWN: no HealthCheck bean found (the broker goes unchecked)");
        }
        String json = JSON.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("checkedAt", Instant.now().toString())
                .add("checks", names)
                .add("schema", readiness.isReady() ? "UP" : "STARTING")
                .add("database", database)
                .addAll(parts)
                .build().toString();
        return new Answer(System.nanoTime(), up, json);
    }

    private void database() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                throw new IllegalStateException("connection not valid");
            }
        }
    }

    private interface Check {
        void run() throws Exception;
    }

    private static String check(Check check) {
        try {
            check.run();
            return "UP";
        } catch (Exception | LinkageError e) {
            return "DOWN: " + e.getClass().getSimpleName();
        }
    }
}
