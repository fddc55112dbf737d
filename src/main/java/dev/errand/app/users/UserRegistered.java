package dev.errand.app.users;

/**
 * Fired by {@link Users#register} inside its transaction: a synchronous observer's work (enqueueing a job) commits
 * or rolls back with the new user.
 */
public record UserRegistered(long userId) {
}
