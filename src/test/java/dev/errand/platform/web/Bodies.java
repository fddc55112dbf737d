package dev.errand.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Request bodies in unit tests: bound and validated as a resource does, refusals seen as the client sees them. */
public final class Bodies {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private Bodies() {
    }

    public static Validator validator() {
        return VALIDATION.getValidator();
    }

    public static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code body} bound to {@code type} and validated. */
    public static <T extends Record> T bind(String body, Class<T> type) {
        return Violations.check(validator(), RequestBodies.read(stream(body), RequestBodies.MAX_BODY, type));
    }

    /** That {@code request} is refused with a problem of {@code status} naming {@code field}. */
    public static void assertRefused(ThrowingCallable request, int status, String field) {
        assertThatThrownBy(request).satisfies(e -> {
            Problem problem = problemOf(e);
            assertThat(problem.status()).as(e.getMessage()).isEqualTo(status);
            assertThat(problem.field()).as(e.getMessage()).isEqualTo(field);
            assertThat(problem.detail()).isNotBlank();
        });
    }

    /** The problem document ProblemMappers answers for {@code refusal}. */
    public static Problem problemOf(Throwable refusal) {
        return refusal instanceof ConstraintViolationException violations ? Violations.problem(violations)
                : ((ApiException) refusal).problem();
    }
}
