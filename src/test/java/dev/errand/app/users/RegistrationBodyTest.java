package dev.errand.app.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.platform.web.Bodies;
import dev.errand.platform.web.Violations;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RegistrationIT's refusals of the body itself, without a server. */
class RegistrationBodyTest {

    @Test
    void aRegistrationBindsAsTyped() {
        var registration = bind("{\"email\":\" ada@example.test \",\"password\":\"  twelve chars \",\"name\":\"Ada\"}");

        assertThat(registration.email()).isEqualTo(" ada@example.test ");
        assertThat(registration.password()).isEqualTo("  twelve chars ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON        | {\"email\":                                                  | 400 | body",
            "not an object         | [\"a@example.test\"]                                         | 422 | body",
            "missing email         | {\"password\":\"long enough password\",\"name\":\"N\"}      | 422 | email",
            "short password        | {\"email\":\"s@example.test\",\"password\":\"elevenchars\",\"name\":\"N\"} | 422 | password",
            "password not a string | {\"email\":\"n@example.test\",\"password\":123456789012345,\"name\":\"N\"} | 422 | password",
            "blank name            | {\"email\":\"b@example.test\",\"password\":\"long enough password\",\"name\":\"  \"} | 422 | name",
            "missing name          | {\"email\":\"m@example.test\",\"password\":\"long enough password\"} | 422 | name",
            "CR LF in the name     | {\"email\":\"c@example.test\",\"password\":\"long enough password\",\"name\":\"N\\r\\nBcc: x@y.z\"} | 422 | name",
            "DEL in the name       | {\"email\":\"d@example.test\",\"password\":\"long enough password\",\"name\":\"N\\u007f\"} | 422 | name",
            "a NUL in the email    | {\"email\":\"e\\u0000@example.test\",\"password\":\"long enough password\",\"name\":\"N\"} | 422 | email",
            "unknown field         | {\"email\":\"x@example.test\",\"password\":\"long enough password\",\"name\":\"N\",\"admin\":true} | 422 | admin",
    })
    void badRegistrationsAreProblemsNamingTheField(String why, String body, int status, String field) {
        Bodies.assertRefused(() -> bind(body), status, field);
    }

    @Test
    void aShortPasswordSaysHowLongItMustBe() {
        assertThatThrownBy(() -> bind("{\"email\":\"s@example.test\",\"password\":\"short\",\"name\":\"N\"}"))
                .isInstanceOfSatisfying(ConstraintViolationException.class, e -> assertThat(Violations.problem(e).detail())
                        .isEqualTo("password must have at least " + RegistrationResource.MIN_PASSWORD + " characters"));
    }

    private static RegistrationResource.Registration bind(String body) {
        return Bodies.bind(body, RegistrationResource.Registration.class);
    }
}
