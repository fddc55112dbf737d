package dev.errand.it.probe;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;

/**
 * Test-only deployment beside Errand: puts a raw message on errand.jobs (as a broker redelivery or a stray
 * producer would) or, with {@code queue=dlq}, on its dead-letter queue (as the broker does after the deliveries of
 * a message kept failing). {@code kind=object} or {@code kind=bytes} sends the body as an ObjectMessage (a
 * serialised String) or a BytesMessage instead of a TextMessage, as a hostile or mistaken producer might. The
 * sent message's id comes back in the header {@code X-Message-Id}. Errand itself has no such door.
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
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        try (JMSContext context = connectionFactory.createContext()) {
            Queue queue = "dlq".equals(request.getParameter("queue")) ? deadLetters : jobs;
            String body = request.getParameter("body");
            Message message = switch (String.valueOf(request.getParameter("kind"))) {
                case "object" -> context.createObjectMessage(body);
                case "bytes" -> {
                    BytesMessage bytes = context.createBytesMessage();
                    bytes.writeBytes(body.getBytes(StandardCharsets.UTF_8));
                    yield bytes;
                }
                default -> context.createTextMessage(body);
            };
            context.createProducer().send(queue, message);
            response.setHeader("X-Message-Id", message.getJMSMessageID());
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
        response.setStatus(204);
    }
}
