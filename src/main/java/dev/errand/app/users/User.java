package dev.errand.app.users;

import java.time.Instant;

/** Someone registered with the demo application. */
public record User(long id, String email, String name, Instant createdAt) {
}
