package dev.errand.platform.web;

import static dev.errand.platform.JsonSupport.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** Reads request bodies within a size limit and parses them as JSON, with errors a client can act on. */
public final class RequestBodies {

    public static final int MAX_BODY = 64 * 1024;

    private RequestBodies() {
    }

    public static JsonStructure readJson(InputStream body, int limit) {
        String text = read(body, limit);
        if (text.isBlank()) {
            throw ApiException.badRequest("the request body is empty; send a JSON document", "body");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.read();
        } catch (JsonParsingException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber() + ": " + e.getMessage(), "body");
        } catch (JsonException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getMessage(), "body");
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
