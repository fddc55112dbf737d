package dev.errand.it;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Instants, durations and numbers out of range, deep JSON and control characters: a 4xx naming the field, never a 500. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InputLimitsIT {

    private final Api admin = Api.admin();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "runAt a billion years ago  | {\"type\":\"errand.noop\",\"runAt\":\"-1000000000-01-01T00:00:00Z\"} | runAt",
            "runAt in a billion years   | {\"type\":\"errand.noop\",\"runAt\":\"+1000000000-01-01T00:00:00Z\"} | runAt",
            "runAt past Instant's range | {\"type\":\"errand.noop\",\"runAt\":\"+1000000001-01-01T00:00:00Z\"} | runAt",
            "runAt two days ago         | {\"type\":\"errand.noop\",\"runAt\":\"2000-01-01T00:00:00Z\"} | runAt",
            "delay of 10^12 hours       | {\"type\":\"errand.noop\",\"delay\":\"PT999999999999H\"} | delay",
            "delay past Duration        | {\"type\":\"errand.noop\",\"delay\":\"PT99999999999999999999H\"} | delay",
            "maxAttempts too large      | {\"type\":\"errand.noop\",\"maxAttempts\":100000000000000000000} | maxAttempts",
            "maxAttempts negative       | {\"type\":\"errand.noop\",\"maxAttempts\":-1} | maxAttempts",
    })
    void outOfRangeSubmissionsAre422AndStoreNothing(String label, String body, String field) {
        long before = Database.jobCount();

        assertProblem(admin.post("/api/jobs", body), 422, field);
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    @Test
    void deeplyNestedArgsAreRefused() {
        long before = Database.jobCount();
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        String deepest = "[".repeat(30_000) + "]".repeat(30_000);

        assertProblem(admin.post("/api/jobs", "{\"type\":\"errand.noop\",\"args\":" + deep + "}"), 422, "body");
        assertProblem(admin.post("/api/jobs/batch", deepest), 422, "body");
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    @Test
    void bulkIdsOutOfRangeAreRefused() {
        long events = Database.settledEventCount();

        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[-1]}"), 422, null);
        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[100000000000000000000]}"), 422, null);
        assertThat(Database.eventCount()).isEqualTo(events);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CR LF in the name  | Eve\\r\\nBcc: victim@example.test | name",
            "a NUL in the name  | Eve\\u0000                        | name",
            "a tab in the name  | Eve\\tTester                      | name",
    })
    void controlCharactersInNamesThatReachMailHeadersAreRefused(String label, String name, String field) {
        long before = Database.count("SELECT COUNT(*) FROM errand.users");

        Api.Response refused = Api.anonymous().post("/api/users/register", "{\"email\":\""
                + DemoUsers.uniqueEmail("eve") + "\",\"password\":\"correct horse battery\",\"name\":\"" + name + "\"}");

        assertProblem(refused, 422, field);
        assertThat(Database.count("SELECT COUNT(*) FROM errand.users")).isEqualTo(before);
    }

    @Test
    void controlCharactersInTheAddressAreRefused() {
        Api.Response refused = Api.anonymous().post("/api/users/register", "{\"email\":\"eve\\u0001"
                + DemoUsers.uniqueEmail("") + "\",\"password\":\"correct horse battery\",\"name\":\"Eve\"}");

        assertProblem(refused, 422, "email");
    }

    @Test
    void reminderInstantsOutOfRangeAreRefused() {
        DemoUsers.Registered rae = DemoUsers.register("rae");
        Api user = Api.bearer(DemoUsers.login(rae.email()).getString("accessToken"));

        assertProblem(user.post("/api/reminders", "{\"at\":\"-1000000000-01-01T00:00:00Z\",\"message\":\"m\"}"), 422, "at");
        assertProblem(user.post("/api/reminders", "{\"at\":\"+1000000000-01-01T00:00:00Z\",\"message\":\"m\"}"), 422, "at");
        assertProblem(user.post("/api/reminders", "{\"in\":\"PT999999999999H\",\"message\":\"m\"}"), 422, "in");
    }
}
