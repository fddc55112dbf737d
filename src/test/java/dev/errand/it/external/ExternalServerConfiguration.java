package dev.errand.it.external;

import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** arquillian-external.xml: where the externally started Errand answers (errand.test.baseUrl wins). */
public class ExternalServerConfiguration implements ContainerConfiguration {

    private String baseUrl = "http://127.0.0.1:14880";

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public void validate() {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl is required");
        }
    }
}
