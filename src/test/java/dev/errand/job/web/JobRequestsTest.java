package dev.errand.job.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.job.NewJob;
import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.Bodies;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bodies of SubmissionIT's refusals that need no server: the same status and field, without one. */
class JobRequestsTest {

    private static final Validator VALIDATOR = Bodies.validator();

    @Test
    void aJobBindsWithItsArgsKeptAsJson() {
        NewJob job = one("{\"type\":\"errand.sleep\",\"args\":{\"millis\":5,\"nested\":[1,{\"a\":null}]},"
                + "\"queue\":\"q\",\"maxAttempts\":3,\"after\":null}");

        assertThat(job.type()).isEqualTo("errand.sleep");
        assertThat(job.args()).isEqualTo("{\"millis\":5,\"nested\":[1,{\"a\":null}]}");
        assertThat(job.queue()).isEqualTo("q");
        assertThat(job.maxAttempts()).isEqualTo(3);
        assertThat(job.submittedBy()).isEqualTo("ada");
    }

    @Test
    void aHugeMaxAttemptsSaturatesSoThatTheDomainRangeCheckAnswers() {
        assertThat(one("{\"type\":\"t\",\"maxAttempts\":100000000000000000000}").maxAttempts()).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON          | {\"type\": \"errand.noop\"          | 400 | body",
            "not an object           | [1, 2]                            | 422 | body",
            "a string, not an object | '\"errand.noop\"'                 | 422 | body",
            "missing type            | {\"args\":{}}                      | 422 | type",
            "blank type              | {\"type\":\"  \"}                  | 422 | type",
            "type not a string       | {\"type\":42}                      | 422 | type",
            "type an object          | {\"type\":{}}                      | 422 | type",
            "unknown field           | {\"type\":\"errand.noop\",\"dealy\":\"PT1S\"} | 422 | dealy",
            "args not an object      | {\"type\":\"errand.noop\",\"args\":[1]} | 422 | args",
            "bad delay               | {\"type\":\"errand.noop\",\"delay\":\"tomorrow\"} | 422 | delay",
            "delay not a string      | {\"type\":\"errand.noop\",\"delay\":30} | 422 | delay",
            "negative delay          | {\"type\":\"errand.noop\",\"delay\":\"-PT5S\"} | 422 | delay",
            "bad runAt               | {\"type\":\"errand.noop\",\"runAt\":\"2030-13-01\"} | 422 | runAt",
            "delay and runAt         | {\"type\":\"errand.noop\",\"delay\":\"PT1S\",\"runAt\":\"2030-01-01T00:00:00Z\"} | 422 | delay",
            "runAt long ago          | {\"type\":\"errand.noop\",\"runAt\":\"-1000000000-01-01T00:00:00Z\"} | 422 | runAt",
            "runAt far ahead         | {\"type\":\"errand.noop\",\"runAt\":\"+1000000000-01-01T00:00:00Z\"} | 422 | runAt",
            "runAt past Instant      | {\"type\":\"errand.noop\",\"runAt\":\"+1000000001-01-01T00:00:00Z\"} | 422 | runAt",
            "delay of 10^12 hours    | {\"type\":\"errand.noop\",\"delay\":\"PT999999999999H\"} | 422 | delay",
            "delay past Duration     | {\"type\":\"errand.noop\",\"delay\":\"PT99999999999999999999H\"} | 422 | delay",
            "args nested too deep    | {\"type\":\"errand.noop\",\"args\":{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}} | 422 | body",
            "maxAttempts not integer | {\"type\":\"errand.noop\",\"maxAttempts\":1.5} | 422 | maxAttempts",
            "maxAttempts a string    | {\"type\":\"errand.noop\",\"maxAttempts\":\"3\"} | 422 | maxAttempts",
            "continuation            | {\"type\":\"errand.noop\",\"after\":5} | 422 | after",
            "empty body              | ''                                | 400 | body",
            "blank body              | '   '                             | 400 | body",
            "null                    | null                              | 422 | body",
    })
    void badBodiesAreProblemsNamingTheField(String label, String body, int status, String field) {
        Bodies.assertRefused(() -> one(body), status, field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not an array          | {\"type\":\"t\"}                         | body",
            "empty                 | []                                      | body",
            "an element not object | [{\"type\":\"t\"},7]                     | [1]",
            "a null element        | [{\"type\":\"t\"},null]                  | [1]",
            "type missing          | [{\"type\":\"t\"},{\"type\":\"t\"},{}]     | [2].type",
            "type not a string     | [{\"type\":\"t\"},{\"type\":false}]      | [1].type",
            "unknown field         | [{\"type\":\"t\",\"x\":1}]               | [0].x",
            "bad delay             | [{\"type\":\"t\"},{\"type\":\"t\",\"delay\":\"soon\"}] | [1].delay",
    })
    void badBatchesNameTheItemByIndex(String label, String body, String field) {
        Bodies.assertRefused(() -> JobRequests.batch(Bodies.stream(body), 1 << 20, VALIDATOR, "ada"), 422, field);
    }

    @Test
    void aThousandJobBatchBinds() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"errand.sleep\",\"args\":{\"millis\":").append(i).append("}}");
        }
        List<NewJob> jobs = JobRequests.batch(Bodies.stream(body.append(']').toString()), 4 << 20, VALIDATOR, "ada");

        assertThat(jobs).hasSize(1000);
        assertThat(jobs.get(999).args()).isEqualTo("{\"millis\":999}");
        assertThat(jobs.get(999).idempotencyKey()).isNull();
    }

    @Test
    void bracketsInStringsDoNotCountAsNesting() {
        NewJob job = one("{\"type\":\"t\",\"args\":{\"text\":\"" + "[{\\\"".repeat(100) + "\"}}");

        assertThat(job.args()).startsWith("{\"text\":\"[{");
    }

    @Test
    void aRunAtWithinTheLastDayIsKept() {
        java.time.Instant recent = java.time.Instant.now().minusSeconds(3600);

        assertThat(one("{\"type\":\"t\",\"runAt\":\"" + recent + "\"}").runAt()).isEqualTo(recent);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        assertThatThrownBy(() -> JobRequests.batch(Bodies.stream("[" + " ".repeat(2048) + "]"), 1024, VALIDATOR, "ada"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    private static NewJob one(String body) {
        return JobRequests.one(Bodies.stream(body), VALIDATOR, "key", "ada");
    }
}
