package dev.errand.job.engine;

import static dev.errand.platform.JsonSupport.JSON;

import dev.errand.job.InvalidJobException;
import dev.errand.job.JobType;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * A job's mutex key: the value of its type's {@code @JobType(mutex)} member in its JSON args, computed once at
 * submission and stored on its row (docs/run-control.md "Mutex keys").
 */
public final class MutexKeys {

    /** The longest key stored (job.mutex_key); a longer one is refused rather than cut, which could merge keys. */
    public static final int MAX_LENGTH = 200;

    private MutexKeys() {
    }

    /**
     * The key of these args: a string as it is, a number in its plainest form (so {@code 42}, {@code 42.0} and
     * {@code 4.2e1} are one key), {@code true} or {@code false}.
     *
     * @throws InvalidJobException naming {@code args.<member>} when the member is missing, null, an object or an
     *                             array, or its text is longer than {@link #MAX_LENGTH}
     */
    public static String keyOf(String member, String argsJson) {
        String field = "args." + member;
        JsonValue args;
        try (var reader = JSON.createReader(new StringReader(argsJson == null || argsJson.isBlank() ? "{}" : argsJson))) {
            args = reader.readValue();
        } catch (JsonException e) {
            throw new InvalidJobException("args", "arguments are not valid JSON: " + e.getMessage());
        }
        JsonValue value = args instanceof JsonObject object ? object.get(member) : null;
        String key = switch (value == null ? JsonValue.ValueType.NULL : value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> plain((JsonNumber) value);
            case TRUE -> "true";
            case FALSE -> "false";
            default -> null;
        };
        if (key == null) {
            throw new InvalidJobException(field, "args." + member + " is required: it is this job type's mutex key"
                    + " (a string, number or boolean; docs/run-control.md \"Mutex keys\")");
        }
        if (key.length() > MAX_LENGTH) {
            throw new InvalidJobException(field, "args." + member + " is the mutex key and may be at most " + MAX_LENGTH
                    + " characters long");
        }
        return key;
    }

    private static String plain(JsonNumber number) {
        java.math.BigDecimal value = number.bigDecimalValue().stripTrailingZeros();
        // 1e999999999 in plain digits would be a gigabyte: such a number keeps its scientific form (1E+999999999)
        return Math.abs((long) value.scale()) > MAX_LENGTH ? value.toString() : value.toPlainString();
    }

    /**
     * The mutex member of a type, checked when it is deployed: a type whose args are a record must have a component
     * of that name, and a type that takes no args can have no key. Null: the type has no mutex.
     */
    static String memberOf(JobType jobType, Type argsType) {
        String member = jobType.mutex().trim();
        if (member.isEmpty()) {
            return null;
        }
        boolean known = !(argsType instanceof Class<?> c && c.isRecord())
                || Arrays.stream(((Class<?>) argsType).getRecordComponents()).map(RecordComponent::getName)
                        .anyMatch(member::equals);
        if (argsType == Void.class || !known) {
            throw new IllegalStateException("@JobType(\"" + jobType.value() + "\") has mutex '" + member
                    + "', which is no member of its args " + argsType.getTypeName());
        }
        return member;
    }
}
