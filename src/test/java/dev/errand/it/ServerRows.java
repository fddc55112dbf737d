package dev.errand.it;

import jakarta.json.JsonObject;

/** Rows of /api/servers and the consumers of /api/queues/{name} (docs/run-control.md, "Worker shares"). */
final class ServerRows {

    private ServerRows() {
    }

    /** The newest instance of /api/servers: the one under test (an earlier one may not have timed out yet). */
    static JsonObject newest(Api api) {
        return api.get("/api/servers").array().stream().map(v -> v.asJsonObject())
                .max((a, b) -> a.getString("startedAt").compareTo(b.getString("startedAt"))).orElseThrow();
    }

    /** The server {@code id} among a queue's {@code servers}. */
    static JsonObject consumer(JsonObject queue, String id) {
        return queue.getJsonArray("servers").stream().map(v -> v.asJsonObject())
                .filter(s -> s.getString("id").equals(id)).findFirst().orElseThrow(() -> new AssertionError(
                        "server " + id + " not among the consumers of " + queue));
    }
}
