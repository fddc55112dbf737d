package dev.errand.job.engine;

/**
 * JNDI names of the messaging resources, the only place Java code names them. Portable: both servers' scripts
 * bind Errand's resources under the same {@code java:global/errand/...} names (server-config/wildfly/errand.cli,
 * server-config/payara/configure.sh), which also suits activation specs, resolved outside any component.
 */
public final class Destinations {

    /** Pooled, transaction-aware connection factory: sends join the caller's JTA transaction. */
    public static final String CONNECTION_FACTORY = "java:global/errand/jms/ConnectionFactory";
    public static final String JOBS_QUEUE = "java:global/errand/jms/jobs";
    public static final String DEAD_LETTER_QUEUE = "java:global/errand/jms/jobs.DLQ";

    private Destinations() {
    }
}
