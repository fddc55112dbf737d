package dev.errand.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's run has its type's transaction timeout, not the server's default (docs/DESIGN.md §4): the test server's
 * default is 30 s (ERRAND_TRANSACTION_TIMEOUT in pom.xml) and {@code errand.sleep} sets its own (over an hour), so a
 * 35 s sleep ends SUCCEEDED in one attempt where the default would roll its transaction back and fail it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransactionTimeoutIT {

    @Test
    void aRunLongerThanTheServersDefaultTimeoutSucceedsUnderItsTypesTimeout() {
        Api admin = Api.admin();
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"maxAttempts\":1,\"args\":{\"millis\":35000}}");

        JsonObject job = admin.awaitState(id, "SUCCEEDED");

        assertThat(job.getInt("attempt")).isEqualTo(1);
        assertThat(Api.states(job)).containsExactly("ENQUEUED", "PROCESSING", "SUCCEEDED");
    }
}
