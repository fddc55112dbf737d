package dev.errand.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constraint violations become the problem a client can act on: the JSON member, the constraint's message. */
class ViolationsTest {

    public record Item(@NotBlank(message = "type is required") String type) {
    }

    public record Order(@Valid List<Item> items, List<@Positive(message = "every id must be positive") Long> ids) {
    }

    public static class Service {
        public void submit(@Valid Order order) {
        }
    }

    @Test
    void aMemberInsideAnArrayIsNamedWithItsIndex() {
        Problem problem = refusal(new Order(List.of(new Item("a"), new Item("b"), new Item(" ")), null));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.field()).isEqualTo("items[2].type");
        assertThat(problem.detail()).isEqualTo("type is required");
    }

    @Test
    void anElementOfAnArrayOfScalarsIsNamedByTheArray() {
        assertThat(refusal(new Order(null, List.of(1L, -2L))).field()).isEqualTo("ids");
    }

    @Test
    void aValidParameterIsNamedWithoutTheMethodAndParameter() throws Exception {
        var violations = Bodies.validator().forExecutables().validateParameters(new Service(),
                Service.class.getMethod("submit", Order.class),
                new Object[] {new Order(List.of(new Item("")), null)});

        Problem problem = Violations.problem(new ConstraintViolationException(violations));

        assertThat(problem.field()).isEqualTo("items[0].type");
    }

    @Test
    void aBatchItemIsNamedByItsIndex() {
        assertThatThrownBy(() -> Violations.checkEach(Bodies.validator(), List.of(new Item("a"), new Item(null))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem().field()).isEqualTo("[1].type"));
    }

    private static Problem refusal(Object body) {
        try {
            Violations.check(Bodies.validator(), body);
        } catch (ConstraintViolationException e) {
            return Violations.problem(e);
        }
        throw new AssertionError("accepted: " + body);
    }
}
