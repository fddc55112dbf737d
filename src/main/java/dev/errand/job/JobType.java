package dev.errand.job;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link JobHandler}. The name, never the class, is what Errand stores, so a handler class can be
 * renamed or moved without breaking jobs already stored.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JobType {

    /** Stable type name, e.g. {@code "email.welcome"}. */
    String value();

    /** Attempts before the job ends FAILED; 0 means the server default ({@code ERRAND_MAX_ATTEMPTS}, 10). */
    int maxAttempts() default 0;

    /**
     * How long one attempt may run before it is interrupted and recorded as failed ("timed out after PT…"), then
     * retried like any failure: an ISO-8601 duration ({@code "PT30S"}) or whole seconds ({@code "30"}); empty means
     * no limit. A job's own {@code timeout} overrides it (docs/run-control.md).
     */
    String timeout() default "";

    /**
     * The priority of this type's jobs, 0 (lowest) to 9 (highest); a job's own {@code priority} overrides it. Among
     * jobs waiting for a worker, a higher priority starts first (docs/run-control.md).
     */
    int priority() default NewJob.DEFAULT_PRIORITY;

    /**
     * The roles that may submit this type over the REST API ({@code admin} always may); empty means every role the
     * API admits. Java callers ({@link Jobs}, recurring jobs) are not restricted. {@code ERRAND_JOB_TYPE_SUBMITTERS}
     * overrides it per type (docs/security.md).
     */
    String[] submitters() default {};

    /**
     * Seconds the transaction around one run of the handler may last before the server rolls it back (and the run
     * fails); 0 means the server's default (WildFly 300 s, Payara none). Give a handler that may run longer than
     * the default its own (docs/DESIGN.md §4).
     */
    int transactionTimeout() default 0;

    /**
     * A top-level member of the job's JSON args whose value is the job's mutex key: two jobs of this type with the
     * same key never run at once, on any node; a job whose key is taken waits ENQUEUED until the running one ends.
     * A submission without the member (or with null, an object or an array there) is refused. Empty means no mutex
     * (docs/run-control.md "Mutex keys").
     */
    String mutex() default "";
}
