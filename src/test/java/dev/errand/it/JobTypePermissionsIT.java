package dev.errand.it;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A job type says who may submit it over REST: the demo's internal types and hour-long sleeps are the admin's. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JobTypePermissionsIT {

    private final Api submitter = Api.submitter("type-permissions");
    private final Api admin = Api.admin();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "email.reminder | {\"userId\":1,\"message\":\"click here\",\"requestedAt\":\"2030-01-01T00:00:00Z\"}",
            "email.welcome  | {\"userId\":1}",
            "report.nightly | {}",
            "errand.sleep   | {\"millis\":3600000}",
    })
    void aSubmitterIsRefusedAnInternalTypeAndNothingIsStored(String type, String args) {
        long before = Database.jobCount();

        Api.Response refused = submitter.post("/api/jobs", "{\"type\":\"" + type + "\",\"args\":" + args + "}");

        assertProblem(refused, 403, "type");
        assertThat(refused.json().getString("detail")).contains(type);
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    @Test
    void oneRefusedTypeRefusesTheWholeBatch() {
        long before = Database.jobCount();

        Api.Response refused = submitter.post("/api/jobs/batch",
                "[{\"type\":\"errand.noop\"},{\"type\":\"errand.sleep\",\"args\":{\"millis\":1}}]");

        assertProblem(refused, 403, "[1].type");
        assertThat(refused.json().getString("detail")).contains("errand.sleep");
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    @Test
    void openTypesStayOpenAndTheAdminMaySubmitAnyType() {
        long open = submitter.enqueue("{\"type\":\"errand.noop\"}");
        long sleep = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":1}}");

        submitter.awaitState(open, "SUCCEEDED");
        admin.awaitState(sleep, "SUCCEEDED");
    }
}
