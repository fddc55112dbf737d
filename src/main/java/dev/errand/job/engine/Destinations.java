package dev.errand.job.engine;

/**
 * JNDI names of the messaging resources, the only place Java code names them. Portable between servers:
 * <ul>
 * <li>injected resources are the application's own references ({@code java:app/errand/...}, declared in web.xml),
 *     which WEB-INF/jboss-web.xml (WildFly) and WEB-INF/glassfish-web.xml (Payara) map to each server's resources;
 * <li>the MDBs' queues ({@code java:global/errand/...}): activation specs are resolved outside any component, so
 *     they cannot use the application's references; server-config/wildfly/errand.cli binds these names on WildFly,
 *     WEB-INF/glassfish-ejb-jar.xml replaces them with Payara's resource names (which cannot contain ':').
 * </ul>
 */
public final class Destinations {

    /** Pooled, transaction-aware connection factory: sends join the caller's JTA transaction. */
    public static final String CONNECTION_FACTORY = "java:app/errand/jms/ConnectionFactory";
    /** The job queue, for senders. */
    public static final String JOBS_QUEUE = "java:app/errand/jms/jobs";
    /** The job queue, for {@link JobWorker}. */
    public static final String JOBS_QUEUE_GLOBAL = "java:global/errand/jms/jobs";
    /** The control topic (non-durable notices to every node), for {@link CancelNotices}. */
    public static final String CONTROL_TOPIC = "java:app/errand/jms/control";
    /** The control topic, for {@link CancelListener}. */
    public static final String CONTROL_TOPIC_GLOBAL = "java:global/errand/jms/control";
    /** The dead-letter queue, for {@link DeadLetterWorker}. */
    public static final String DEAD_LETTER_QUEUE_GLOBAL = "java:global/errand/jms/jobs.DLQ";

    private Destinations() {
    }
}
