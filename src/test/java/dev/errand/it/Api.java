package dev.errand.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** A REST client as a user of Errand's API would write one: plain HTTP and JSON, nothing of Errand's code. */
public final class Api {

    public static final String BASE_URL = System.getProperty("errand.test.baseUrl", "http://127.0.0.1:8180");
    public static final String ADMIN_PASSWORD = System.getProperty("errand.test.adminPassword", "it-admin-secret");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String authorization;

    private Api(String authorization) {
        this(BASE_URL, authorization);
    }

    private Api(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** The same client against another server, e.g. one node of a cluster (dev.errand.it.cluster.Cluster). */
    public Api at(String otherBaseUrl) {
        return new Api(otherBaseUrl, authorization);
    }

    public static Api admin() {
        return as("admin", ADMIN_PASSWORD);
    }

    public static Api anonymous() {
        return new Api(null);
    }

    public static Api as(String user, String password) {
        return new Api("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A user of the demo application, with an access token from {@code /api/auth/login}. */
    public static Api bearer(String accessToken) {
        return new Api("Bearer " + accessToken);
    }

    /** A submitter account, created (or reset) through the API by the administrator. */
    public static Api submitter(String name) {
        return withRole(name, "submitter");
    }

    /** A new account with one role (created or replaced by the admin), logged in. */
    public static Api withRole(String name, String role) {
        String password = name + "-password-123";
        Response created = admin().put("/api/accounts/" + name,
                "{\"password\":\"" + password + "\",\"roles\":[\"" + role + "\"]}");
        if (created.status() / 100 != 2) {
            throw new IllegalStateException("cannot create " + role + ": " + created);
        }
        return as(name, password);
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonObject json() {
            return (JsonObject) parse();
        }

        public JsonArray array() {
            return (JsonArray) parse();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        private JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    public Response post(String path, String json) {
        return post(path, json, Map.of());
    }

    public Response post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(builder::header);
        return send(builder);
    }

    public Response postRaw(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Submits a job and returns its id; fails the test unless the API answered 201. */
    public long enqueue(String json) {
        Response response = post("/api/jobs", json);
        if (response.status() != 201) {
            throw new AssertionError("expected 201 for " + json + " but got " + response);
        }
        return response.json().getJsonNumber("id").longValue();
    }

    public JsonObject job(long id) {
        Response response = get("/api/jobs/" + id);
        if (response.status() != 200) {
            throw new AssertionError("GET job " + id + ": " + response);
        }
        return response.json();
    }

    /** Waits until the job satisfies the condition and returns it as last seen. */
    public JsonObject awaitJob(long id, Predicate<JsonObject> condition) {
        return awaitJob(id, condition, Duration.ofSeconds(60));
    }

    /** As {@link #awaitJob(long, Predicate)}, for a job that waits on purpose (a rate window, a delay). */
    public JsonObject awaitJob(long id, Predicate<JsonObject> condition, Duration atMost) {
        JsonObject[] last = new JsonObject[1];
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
                last[0] = job(id);
                return condition.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("job " + id + " as last seen: " + last[0], e);
        }
        return last[0];
    }

    public JsonObject awaitState(long id, String state) {
        return awaitJob(id, job -> job.getString("state").equals(state));
    }

    public static List<String> states(JsonObject job) {
        return job.getJsonArray("history").stream().map(e -> e.asJsonObject().getString("state"))
                .collect(Collectors.toList());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
