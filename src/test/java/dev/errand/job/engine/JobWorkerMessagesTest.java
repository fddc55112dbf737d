package dev.errand.job.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Consumers read the text of TextMessages only; any other message is refused before its body is touched (the
 * dead-letter consumer and the cancel listener read through the same JobWorker.text).
 */
class JobWorkerMessagesTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void anObjectMessageIsRefusedUnread() {
        Message object = message(ObjectMessage.class, null);

        assertThatThrownBy(() -> JobWorker.text(object)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a TextMessage");
        assertThat(calls).doesNotContain("getObject", "getBody");
    }

    @Test
    void theCancelListenerIgnoresAnObjectMessageUnread() {
        CancelListener listener = new CancelListener();
        listener.running = new RunningJobs();

        listener.onMessage(message(ObjectMessage.class, null));

        assertThat(calls).doesNotContain("getObject", "getBody");
    }

    @Test
    void aTextMessageIsReadAsText() throws Exception {
        assertThat(JobWorker.text(message(TextMessage.class, "7:1"))).isEqualTo("7:1");
    }

    private Message message(Class<? extends Message> kind, String text) {
        return (Message) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {kind}, (proxy, method, args) -> {
            calls.add(method.getName());
            return method.getName().equals("getText") ? text : null;
        });
    }
}
