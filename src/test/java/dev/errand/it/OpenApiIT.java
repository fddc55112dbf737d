package dev.errand.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /openapi} (docs/rest-api.md#openapi): a public OpenAPI document, and the servers keep to it. The test
 * walks every operation it lists, calls it with the login it documents (and anonymously when it needs one) and a
 * minimal input (an empty object as body, an id that names nothing), and requires an answer the document lists,
 * errors as RFC 9457 problems. Side effects stay harmless: the queue it pauses is its own and is resumed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PROBE = "openapi-walk";

    @Test
    void documentIsPublicAndDescribesTheWholeApi() {
        Api.Response response = Api.anonymous().get("/openapi");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonObject document = response.json();
        assertThat(document.getString("openapi")).startsWith("3.");
        assertThat(document.getJsonObject("paths").keySet()).contains("/api/jobs", "/api/jobs/{id}", "/api/queues/{name}/pause",
                "/api/recurring-jobs/{id}", "/api/accounts/{username}", "/health", "/metrics", "/openapi");
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").keySet())
                .containsExactlyInAnyOrder("basic", "bearer");
    }

    @Test
    void everyOperationAnswersOnlyDocumentedCodes() {
        JsonObject document = Api.anonymous().get("/openapi").json();
        String bearer = "Bearer " + DemoUsers.login(DemoUsers.register("openapi").email()).getString("accessToken");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Api.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        List<String> called = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, value) -> {
            JsonObject operation = value.asJsonObject();
            String uri = path.replaceAll("\\{[^}]+}", PROBE);
            String scheme = scheme(operation);
            String authorization = scheme == null ? null : scheme.equals("bearer") ? bearer : basic;
            String body = operation.containsKey("requestBody") ? "{}" : null;
            checkAnswer(method, path, operation, call(method.toUpperCase(), uri, authorization, body));
            if (scheme != null) {
                Answer anonymous = call(method.toUpperCase(), uri, null, body);
                assertThat(anonymous.status()).as(method + " " + path + " anonymously").isEqualTo(401);
                checkAnswer(method, path, operation, anonymous);
            }
            called.add(method.toUpperCase() + " " + path);
        }));
        Api.admin().post("/api/queues/" + PROBE + "/resume", "");
        assertThat(called).hasSizeGreaterThanOrEqualTo(30).contains("POST /api/jobs", "GET /api/jobs/{id}", "GET /health");
    }

    /** The name of the operation's security scheme, or null when it is public. */
    private static String scheme(JsonObject operation) {
        JsonArray security = operation.getJsonArray("security");
        if (security == null || security.isEmpty() || security.getJsonObject(0).isEmpty()) {
            return null;
        }
        return security.getJsonObject(0).keySet().iterator().next();
    }

    private static void checkAnswer(String method, String path, JsonObject operation, Answer answer) {
        String what = method.toUpperCase() + " " + path + " answered " + answer;
        assertThat(operation.getJsonObject("responses").keySet()).as(what).contains(String.valueOf(answer.status()));
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            JsonObject problem = Json.createReader(new StringReader(answer.body())).readObject();
            assertThat(problem.getInt("status")).as(what).isEqualTo(answer.status());
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    /** Reads the body only when it is not an event stream (GET /api/events never ends by itself). */
    private static Answer call(String method, String uri, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.BASE_URL + uri)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream in = response.body()) {
                String text = contentType.startsWith("text/event-stream") ? ""
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), contentType, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
