package dev.errand.it.dashboard;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only deployment beside Errand: puts a job message on the dead-letter queue, as the broker does after the
 * deliveries of a message kept failing. Errand itself has no such door.
 */
@WebServlet("/dead-letter")
public class DeadLetterServlet extends HttpServlet {

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/errand.jobs.DLQ")
    Queue queue;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(queue, request.getParameter("body"));
        }
        response.setStatus(204);
    }
}
