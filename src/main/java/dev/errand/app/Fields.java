package dev.errand.app;

import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.RequestBodies;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.util.Set;

/** Reads the small JSON bodies of the demo application's endpoints, with a problem naming the field at fault. */
public final class Fields {

    private final JsonObject json;

    private Fields(JsonObject json) {
        this.json = json;
    }

    /** The body as a JSON object that has no fields but {@code allowed}. */
    public static Fields read(InputStream body, Set<String> allowed) {
        if (!(RequestBodies.readJson(body, RequestBodies.MAX_BODY) instanceof JsonObject json)) {
            throw ApiException.unprocessable("the body must be a JSON object", "body");
        }
        for (String name : json.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.unprocessable("unknown field '" + name + "'; expected " + allowed, name);
            }
        }
        return new Fields(json);
    }

    public boolean has(String name) {
        return json.containsKey(name) && json.get(name).getValueType() != JsonValue.ValueType.NULL;
    }

    /** A string field that is present; surrounding white space is dropped unless {@code trim} is false. */
    public String string(String name, int max, boolean trim) {
        if (!(json.get(name) instanceof JsonString value)) {
            throw ApiException.unprocessable(name + " is required (a string)", name);
        }
        String text = trim ? value.getString().strip() : value.getString();
        if (text.isEmpty()) {
            throw ApiException.unprocessable(name + " must not be empty", name);
        }
        if (text.length() > max) {
            throw ApiException.unprocessable(name + " must be at most " + max + " characters", name);
        }
        return text;
    }
}
