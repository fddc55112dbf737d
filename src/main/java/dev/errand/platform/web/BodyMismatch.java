package dev.errand.platform.web;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Says why JSON-B refused a body, in the client's terms: which member, and what it should be. Runs only once a
 * binding failed, so it may walk the parsed body; a successful request never gets here.
 */
final class BodyMismatch {

    private static final ClassValue<Map<String, Type>> MEMBERS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> type) {
            Map<String, Type> members = new LinkedHashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                members.put(component.getName(), component.getGenericType());
            }
            return members;
        }
    };

    private BodyMismatch() {
    }

    static ApiException explain(JsonValue body, Class<? extends Record> type, Exception cause) {
        if (!(body instanceof JsonObject object)) {
            return ApiException.unprocessable("the body must be a JSON object", "body");
        }
        ApiException found = find(object, type, "");
        return found != null ? found : unexplained(cause);
    }

    static ApiException explainArray(JsonValue body, Class<? extends Record> type, Exception cause) {
        if (body.getValueType() != JsonValue.ValueType.ARRAY) {
            return ApiException.unprocessable("the body must be a JSON array of objects", "body");
        }
        var array = body.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject object)) {
                return ApiException.unprocessable("every array element must be a JSON object", "[" + i + "]");
            }
            ApiException found = find(object, type, "[" + i + "].");
            if (found != null) {
                return found;
            }
        }
        return unexplained(cause);
    }

    private static ApiException find(JsonObject object, Class<?> type, String at) {
        Map<String, Type> members = MEMBERS.get(type);
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            String name = member.getKey();
            Type expected = members.get(name);
            if (expected == null) {
                return ApiException.unprocessable("unknown field '" + name + "'; expected one of "
                        + members.keySet(), at + name);
            }
            String problem = mismatch(expected, member.getValue());
            if (problem != null) {
                return ApiException.unprocessable(name + " must be " + problem, at + name);
            }
        }
        return null;
    }

    /** What {@code value} should have been, or null if it fits {@code expected}. */
    private static String mismatch(Type expected, JsonValue value) {
        if (value == JsonValue.NULL) {
            return null;
        }
        if (expected instanceof Class<?> type) {
            if (JsonObject.class.isAssignableFrom(type)) {
                return value.getValueType() == JsonValue.ValueType.OBJECT ? null : "a JSON object";
            }
            return StrictScalars.accepts(type, value) ? null : StrictScalars.expectation(type);
        }
        if (expected instanceof ParameterizedType list && list.getRawType() instanceof Class<?> raw
                && Iterable.class.isAssignableFrom(raw)) {
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                return "an array";
            }
            Type element = list.getActualTypeArguments()[0];
            for (JsonValue item : value.asJsonArray()) {
                if (mismatch(element, item) != null) {
                    return "an array of " + plural(element);
                }
            }
        }
        return null;
    }

    private static String plural(Type element) {
        String one = element instanceof Class<?> type ? StrictScalars.expectation(type) : null;
        return one == null ? "values of the right type" : one.replaceFirst("^an? ", "") + "s";
    }

    /** JSON-B refused for a reason the walk above does not know: still the client's fault, and still named. */
    private static ApiException unexplained(Exception cause) {
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return ApiException.badRequest("the body does not fit: "
                + (message.length() > 300 ? message.substring(0, 300) + "…" : message), "body");
    }
}
