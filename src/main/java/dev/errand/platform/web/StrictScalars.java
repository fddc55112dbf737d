package dev.errand.platform.web;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigInteger;

/**
 * JSON-B's default scalars are lenient: {@code 123} binds to a String, {@code 1.5} to the Integer 1 and
 * {@code 1e20} overflows silently. A request body is the place to be strict, so these refuse what
 * {@link #accepts} refuses; {@link BodyMismatch} then names the member for the client.
 */
final class StrictScalars {

    static final JsonbDeserializer<?>[] DESERIALIZERS = {new Text(), new WholeNumber(), new Id()};

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private StrictScalars() {
    }

    /** Whether {@code value} binds to {@code type} here; null binds to every type. */
    static boolean accepts(Class<?> type, JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return true;
        }
        if (type == String.class) {
            return value instanceof JsonString;
        }
        if (type == Integer.class) {
            return value instanceof JsonNumber number && number.isIntegral();
        }
        if (type == Long.class) {
            return value instanceof JsonNumber number && number.isIntegral()
                    && number.bigIntegerValue().bitLength() <= 63;
        }
        return true;
    }

    /** How {@link BodyMismatch} describes what {@code type} expects, or null for types bound by JSON-B alone. */
    static String expectation(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        return null;
    }

    private static JsonValue next(JsonParser parser, Class<?> type) {
        JsonValue value = parser.getValue();
        if (!accepts(type, value)) {
            throw new JsonbException("expected " + expectation(type) + ", not " + value.getValueType());
        }
        return value;
    }

    static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type rtType) {
            return next(parser, String.class) instanceof JsonString text ? text.getString() : null;
        }
    }

    /**
     * Saturates at the int range, so that a domain check such as "maxAttempts must be between 1 and 100" answers a
     * huge number rather than an overflow.
     */
    static final class WholeNumber implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type rtType) {
            return next(parser, Integer.class) instanceof JsonNumber number
                    ? number.bigIntegerValue().max(INT_MIN).min(INT_MAX).intValue() : null;
        }
    }

    static final class Id implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type rtType) {
            return next(parser, Long.class) instanceof JsonNumber number ? number.longValueExact() : null;
        }
    }
}
