package dev.errand.platform;

import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * The JSON-P provider, looked up once. {@code Json.createReader(...)} and friends run a ServiceLoader lookup on
 * every call, which showed up as 14 % of the server's CPU on the submission path.
 */
public final class JsonSupport {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonSupport() {
    }

    /** @throws jakarta.json.JsonException (or its JsonParsingException) for malformed text */
    public static JsonValue parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
