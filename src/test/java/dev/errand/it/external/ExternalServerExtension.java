package dev.errand.it.external;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link ExternalServerContainer}; listed in src/test/external-server/META-INF/services only. */
public class ExternalServerExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, ExternalServerContainer.class);
    }
}
