package dev.errand.it;

import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.net.URI;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What the server under test offers the network (issue 14, point 5): its listening TCP sockets, as `ss -ltnp` shows
 * them (ServerProcess). The tests leave ERRAND_BIND_ADDRESS unset, so every one of them must be on loopback.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ListenersIT {

    @Test
    void everyListenerOfTheServerIsOnLoopback() {
        List<ServerProcess.Listener> listeners = ServerProcess.servingHttp().listeners;

        assertThat(listeners).as("the server's listeners").isNotEmpty()
                .allSatisfy(l -> assertThat(l.loopback()).as("port %d bound to %s", l.port(), l.address()).isTrue());
        System.out.println("ListenersIT: the server listens on ports "
                + listeners.stream().map(ServerProcess.Listener::port).sorted().distinct().toList());
    }

    @Test
    void theHttpPortOffersNoJmsConnections() {
        URI base = URI.create(Api.BASE_URL);
        String url = "tcp://" + base.getHost() + ":" + base.getPort()
                + "?httpUpgradeEnabled=true&initialConnectAttempts=1&reconnectAttempts=0&callTimeout=5000";
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url)) {
            Throwable refused = catchThrowable(() -> factory.createConnection("errand", "anything").close());

            // an exported acceptor would answer, and refuse the login (JMSSecurityException); none cannot connect
            assertThat(refused).isInstanceOf(JMSException.class).isNotInstanceOf(JMSSecurityException.class);
        }
    }
}
