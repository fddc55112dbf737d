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
 * Test-only deployment beside Errand: puts a raw message on errand.jobs, as a broker redelivery or a stray
 * producer would. Errand itself has no such door.
 */
@WebServlet("/send")
public class SendServlet extends HttpServlet {

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/errand.jobs")
    Queue queue;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(queue, request.getParameter("body"));
        }
        response.setStatus(204);
    }
}
