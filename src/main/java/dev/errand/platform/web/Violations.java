package dev.errand.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Bean Validation of request bodies, answered like every other refusal: a 422 problem whose {@code field} is the
 * JSON member ({@code name}, {@code [3].type} in a batch) and whose detail is the constraint's message.
 */
public final class Violations {

    private static final Comparator<ConstraintViolation<?>> BY_FIELD =
            Comparator.<ConstraintViolation<?>, String>comparing(v -> field(v.getPropertyPath()))
                    .thenComparing(ConstraintViolation::getMessage);

    private Violations() {
    }

    /** {@code body}, if it satisfies its constraints. */
    public static <T> T check(Validator validator, T body) {
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }

    /** {@code items}, if each satisfies its constraints; a refusal names the first item at fault by its index. */
    public static <T> List<T> checkEach(Validator validator, List<T> items) {
        for (int i = 0; i < items.size(); i++) {
            Set<ConstraintViolation<T>> violations = validator.validate(items.get(i));
            if (!violations.isEmpty()) {
                ConstraintViolation<?> first = first(violations);
                throw ApiException.unprocessable(first.getMessage(), "[" + i + "]." + field(first.getPropertyPath()));
            }
        }
        return items;
    }

    public static Problem problem(ConstraintViolationException e) {
        Set<ConstraintViolation<?>> violations = e.getConstraintViolations();
        if (violations == null || violations.isEmpty()) {
            return Problem.of(422, e.getMessage());
        }
        ConstraintViolation<?> first = first(violations);
        String field = field(first.getPropertyPath());
        return Problem.of(422, first.getMessage()).withField(field.isEmpty() ? "body" : field);
    }

    private static ConstraintViolation<?> first(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().min(BY_FIELD).orElseThrow();
    }

    /**
     * The path as the client wrote it: members joined by dots, an index where a member sits in an array. Method and
     * parameter nodes (a {@code @Valid} resource parameter) and the names of container elements are left out.
     */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.BEAN) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() == ElementKind.PROPERTY) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }
}
