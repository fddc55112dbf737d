package dev.errand.platform.web;

/**
 * A dependency that {@code GET /health} checks besides the database, such as the job engine's broker: implement it
 * as a CDI bean and the health answer gains a field {@link #name()}, UP or DOWN, and is UP only when every check is.
 */
public interface HealthCheck {

    /** The field in the health answer, e.g. {@code "broker"}. */
    String name();

    /** A round trip to the dependency; throwing marks it DOWN. */
    void check() throws Exception;
}
