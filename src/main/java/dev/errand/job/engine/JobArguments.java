package dev.errand.job.engine;

import static dev.errand.platform.JsonSupport.JSON;

import dev.errand.job.InvalidJobException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes job arguments. Strict on purpose: a job whose arguments would not bind when it runs is
 * refused when it is submitted, so nothing unrunnable is ever stored. Unknown properties are errors; a
 * required property is one with a Bean Validation constraint such as {@code @NotNull}.
 */
@ApplicationScoped
public class JobArguments {

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true)); // Yasson's key; records are also checked here

    @Inject
    Validator validator;

    /** Binds {@code json} to the handler's argument type and validates it (Bean Validation). */
    public Object read(Type argsType, String json) {
        if (argsType == Void.class) {
            if (json != null && !json.isBlank() && !json.equals("{}") && !json.equals("null")) {
                throw new InvalidJobException("args", "this job type takes no arguments");
            }
            return null;
        }
        String text = json == null ? "{}" : json;
        rejectUnknownProperties(argsType, text);
        Object args;
        try {
            args = jsonb.fromJson(text, argsType);
        } catch (JsonbException | IllegalArgumentException e) {
            throw new InvalidJobException("args", "arguments do not match the job type: " + messageOf(e));
        }
        if (args == null) {
            throw new InvalidJobException("args", "arguments are required");
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(args);
        if (!violations.isEmpty()) {
            throw new InvalidJobException("args." + first(violations).getPropertyPath(),
                    violations.stream().sorted(byPath())
                            .map(v -> "args." + v.getPropertyPath() + " " + v.getMessage())
                            .collect(Collectors.joining("; ")));
        }
        return args;
    }

    /** JSON-B ignores unknown properties, and a misspelt optional one would silently run with a default. */
    private static void rejectUnknownProperties(Type argsType, String json) {
        if (!(argsType instanceof Class<?> type) || !type.isRecord()) {
            return;
        }
        JsonValue value;
        try (var reader = JSON.createReader(new StringReader(json))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new InvalidJobException("args", "arguments are not valid JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return; // JSON-B reports the mismatch
        }
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        for (String name : value.asJsonObject().keySet()) {
            if (!known.contains(name)) {
                throw new InvalidJobException("args." + name, "unknown argument '" + name + "'"
                        + (known.isEmpty() ? "; this job type takes none" : "; expected " + new TreeSet<>(known)));
            }
        }
    }

    public String write(Object args) {
        return args == null ? "{}" : jsonb.toJson(args);
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing held that outlives the application
        }
    }

    private static ConstraintViolation<Object> first(Set<ConstraintViolation<Object>> violations) {
        return violations.stream().min(byPath()).orElseThrow();
    }

    private static Comparator<ConstraintViolation<Object>> byPath() {
        return Comparator.comparing(v -> v.getPropertyPath().toString());
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
