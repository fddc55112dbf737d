package dev.errand.job.engine;

/**
 * JNDI names of the messaging resources that {@code server-config/} creates on each server.
 * The only place Java code names them.
 */
public final class Destinations {

    /** Pooled, transaction-aware connection factory: sends join the caller's JTA transaction. */
    public static final String CONNECTION_FACTORY = "java:/JmsXA";
    public static final String JOBS_QUEUE = "java:/jms/queue/errand.jobs";
    public static final String DEAD_LETTER_QUEUE = "java:/jms/queue/errand.jobs.DLQ";

    private Destinations() {
    }
}
