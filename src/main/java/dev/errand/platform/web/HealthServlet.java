package dev.errand.platform.web;

import static dev.errand.platform.JsonSupport.JSON;

import dev.errand.job.engine.Destinations;
import dev.errand.job.engine.EngineReadiness;
import dev.errand.platform.Schema;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * {@code GET /health}: readiness, anonymous. UP only when the schema is migrated, the database answers and the
 * broker accepts a session: a server reports "started" even when its database is down.
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

    @Resource(lookup = Schema.DATASOURCE)
    DataSource dataSource;

    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Destinations.JOBS_QUEUE)
    Queue queue;

    @Inject
    EngineReadiness readiness;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String database = check(this::database);
        String broker = check(this::broker);
        boolean up = readiness.isReady() && database.equals("UP") && broker.equals("UP");
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSON.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("schema", readiness.isReady() ? "UP" : "STARTING")
                .add("database", database)
                .add("broker", broker)
                .build().toString());
    }

    private void database() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                throw new IllegalStateException("connection not valid");
            }
        }
    }

    private void broker() throws Exception {
        try (JMSContext context = connectionFactory.createContext();
             var browser = context.createBrowser(queue)) {
            browser.getEnumeration().hasMoreElements(); // a round trip to the queue; reads one message at most
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
