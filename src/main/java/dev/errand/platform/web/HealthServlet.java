package dev.errand.platform.web;

import static dev.errand.platform.JsonSupport.JSON;

import dev.errand.platform.Schema;
import dev.errand.platform.SchemaReadiness;
import jakarta.annotation.Resource;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.util.Comparator;
import javax.sql.DataSource;

/**
 * {@code GET /health}: readiness, anonymous. UP only when the schema is migrated, the database answers and the
 * {@link HealthCheck}s (the job engine's broker) pass: a server reports "started" even when its database is down.
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

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String database = check(this::database);
        boolean up = readiness.isReady() && database.equals("UP");
        JsonObjectBuilder parts = JSON.createObjectBuilder();
        for (HealthCheck dependency : checks.stream().sorted(Comparator.comparing(HealthCheck::name)).toList()) {
            String state = check(dependency::check);
            up &= state.equals("UP");
            parts.add(dependency.name(), state);
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSON.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("schema", readiness.isReady() ? "UP" : "STARTING")
                .add("database", database)
                .addAll(parts)
                .build().toString());
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
