package dev.errand.it.probe;

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
 * Test-only deployment beside Errand: puts a raw message on errand.jobs (as a broker redelivery or a stray
 * producer would) or, with {@code queue=dlq}, on its dead-letter queue (as the broker does after the deliveries of
 * a message kept failing). Errand itself has no such door.
 */
@WebServlet("/send")
public class SendServlet extends HttpServlet {

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/errand.jobs")
    Queue jobs;

    @Resource(lookup = "java:/jms/queue/errand.jobs.DLQ")
    Queue deadLetters;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (JMSContext context = connectionFactory.createContext()) {
            Queue queue = "dlq".equals(request.getParameter("queue")) ? deadLetters : jobs;
            context.createProducer().send(queue, request.getParameter("body"));
        }
        response.setStatus(204);
    }
}
