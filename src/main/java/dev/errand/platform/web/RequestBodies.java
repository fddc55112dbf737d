package dev.errand.platform.web;

import static dev.errand.platform.JsonSupport.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads request bodies within a size limit and binds them to records with JSON-B, with errors a client can act on.
 * The body is read here rather than by the JAX-RS entity provider so that an oversized, empty or malformed body
 * is the same problem on every server, and so that a refusal names the member at fault ({@link BodyMismatch}).
 */
public final class RequestBodies {

    public static final int MAX_BODY = 64 * 1024;

    /**
     * Nested arrays and objects a body may have: no request needs more, and a parser or binder that recurses could
     * otherwise be made to overflow its stack by a small body of brackets.
     */
    public static final int MAX_DEPTH = 32;

    /**
     * One instance: JSON-B builds its model of a class once per instance, so the batch endpoint's thousand items
     * cost one parse. Scalars bind strictly ({@link StrictScalars}); unknown members are refused (Yasson).
     */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true)
            .withDeserializers(StrictScalars.DESERIALIZERS));

    private RequestBodies() {
    }

    /** The body, a JSON object, as the record {@code type}; members that are absent or null are null. */
    public static <T extends Record> T read(InputStream body, int limit, Class<T> type) {
        String text = nonEmpty(body, limit);
        try {
            T bound = JSONB.fromJson(text, type);
            if (bound == null) {
                throw ApiException.unprocessable("the body must be a JSON object", "body");
            }
            return bound;
        } catch (JsonbException | IllegalArgumentException | ArithmeticException e) {
            throw BodyMismatch.explain(parse(text, JsonReader::readValue), type, e);
        }
    }

    /** The body, a JSON array of objects, as records of {@code type}. */
    public static <T extends Record> List<T> readArray(InputStream body, int limit, Class<T> type) {
        String text = nonEmpty(body, limit);
        T[] items;
        try {
            @SuppressWarnings("unchecked")
            Class<T[]> arrayType = (Class<T[]>) Array.newInstance(type, 0).getClass();
            items = JSONB.fromJson(text, arrayType);
        } catch (JsonbException | IllegalArgumentException | ArithmeticException e) {
            throw BodyMismatch.explainArray(parse(text, JsonReader::readValue), type, e);
        }
        if (items == null) {
            throw ApiException.unprocessable("the body must be a JSON array of objects", "body");
        }
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                throw ApiException.unprocessable("every array element must be a JSON object", "[" + i + "]");
            }
        }
        return Arrays.asList(items);
    }

    /** The body as a JSON-P structure, for bodies whose shape is not a record. */
    public static JsonStructure readJson(InputStream body, int limit) {
        return parse(nonEmpty(body, limit), JsonReader::read);
    }

    private static <V extends JsonValue> V parse(String text, Function<JsonReader, V> read) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return read.apply(reader);
        } catch (JsonParsingException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber() + ": " + e.getMessage(), "body");
        } catch (JsonException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getMessage(), "body");
        }
    }

    private static String nonEmpty(InputStream body, int limit) {
        String text = read(body, limit);
        if (text.isBlank()) {
            throw ApiException.badRequest("the request body is empty; send a JSON document", "body");
        }
        requireDepthAtMost(text, MAX_DEPTH);
        return text;
    }

    /** Counts brackets outside strings, before any parser sees the text; malformed text is the parser's to refuse. */
    static void requireDepthAtMost(String text, int limit) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > limit) {
                    throw ApiException.unprocessable("JSON nested deeper than " + limit + " levels", "body");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    private static String read(InputStream body, int limit) {
        if (body == null) {
            return "";
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new ApiException(413, "the request body is larger than " + (limit / 1024) + " KiB", "body");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage(), "body");
        }
    }
}
