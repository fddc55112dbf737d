package dev.errand.it.external;

import dev.errand.it.BackgroundStart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * An Arquillian container for an Errand that the build started outside the test JVM (Payara, by
 * server-config/payara/test-server.sh, in the background while the WildFly ITs run): the black-box ITs run unchanged
 * against it. It deploys nothing; "start" waits for the build's start script to end, then checks that Errand answers
 * on its health URL, so a server that is not up fails the suite at once.
 * Active only in the payara profile's failsafe execution (src/test/external-server on its class path).
 */
public class ExternalServerContainer implements DeployableContainer<ExternalServerConfiguration> {

    private ExternalServerConfiguration configuration;

    @Override
    public Class<ExternalServerConfiguration> getConfigurationClass() {
        return ExternalServerConfiguration.class;
    }

    @Override
    public void setup(ExternalServerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        String starting = System.getProperty("errand.it.starting");
        if (starting != null && !starting.isBlank()) {
            try {
                BackgroundStart.await(starting); // the build started the server while the WildFly ITs ran
            } catch (IllegalStateException e) {
                throw new LifecycleException(e.getMessage(), e);
            }
        }
        String health = System.getProperty("errand.test.baseUrl", configuration.getBaseUrl()) + "/health";
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
            // Errand's answer names the broker; Payara without Errand deployed answers its own {"status":"UP","checks":[]}
            if (response.statusCode() != 200 || !response.body().contains("\"broker\":\"UP\"")) {
                throw new LifecycleException("Errand is not healthy at " + health + ": HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new LifecycleException("Errand does not answer at " + health, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("interrupted", e);
        }
    }

    @Override
    public void stop() {
        // the build stops the server (post-integration-test)
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        throw new DeploymentException("an external server takes no deployments (" + archive.getName() + ")");
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // nothing was deployed
    }
}
