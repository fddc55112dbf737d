package dev.errand.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.platform.web.Bodies;
import dev.errand.platform.web.Violations;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DashboardApiIT's bulk refusals, bound and validated without a server. */
class BulkRequestTest {

    @Test
    void idsBind() {
        BulkRequest request = bind("{\"action\":\"requeue\",\"ids\":[3,1,3]}");

        assertThat(request.ids()).containsExactly(3L, 1L, 3L);
        assertThat(request.verb()).isEqualTo(BulkActions.Action.REQUEUE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown action    | {\"action\":\"explode\",\"ids\":[1]}           | action",
            "no action         | {\"ids\":[1]}                                 | action",
            "empty ids         | {\"action\":\"delete\",\"ids\":[]}            | ids",
            "an id not a number| {\"action\":\"delete\",\"ids\":[\"x\"]}      | ids",
            "a fraction        | {\"action\":\"delete\",\"ids\":[1.5]}         | ids",
            "a negative id     | {\"action\":\"delete\",\"ids\":[-1]}          | ids",
            "a null id         | {\"action\":\"delete\",\"ids\":[null]}        | ids",
            "an id past 63 bits| {\"action\":\"delete\",\"ids\":[99999999999999999999]} | ids",
            "ids not an array  | {\"action\":\"delete\",\"ids\":5}             | ids",
            "another state     | {\"action\":\"delete\",\"state\":\"SUCCEEDED\"} | state",
            "unknown member    | {\"action\":\"delete\",\"ids\":[1],\"all\":true} | all",
            "an array          | [1,2]                                         | body",
    })
    void refusalsAre422NamingTheMember(String label, String body, String field) {
        Bodies.assertRefused(() -> bind(body), 422, field);
    }

    @Test
    void aThousandAndOneIdsAreTooMany() {
        String ids = "1,".repeat(BulkResource.MAX_IDS) + "1";
        assertThatThrownBy(() -> bind("{\"action\":\"delete\",\"ids\":[" + ids + "]}"))
                .isInstanceOfSatisfying(ConstraintViolationException.class, e ->
                        assertThat(Violations.problem(e).detail()).startsWith("at most 1000 ids"));
    }

    private static BulkRequest bind(String body) {
        return Bodies.bind(body, BulkRequest.class);
    }
}
