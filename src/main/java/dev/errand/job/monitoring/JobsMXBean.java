package dev.errand.job.monitoring;

/**
 * Errand's jobs as a JMX MBean, {@code dev.errand:type=Jobs} on the platform MBeanServer: what a server's admin
 * console or JConsole shows beside the server's own statistics. Counts are over all servers sharing the database;
 * {@link #getWorkersBusy()} is this server's.
 */
public interface JobsMXBean {

    long getEnqueued();

    long getScheduled();

    long getAwaiting();

    long getProcessing();

    long getSucceeded();

    long getFailed();

    long getDeleted();

    /** Jobs that finished SUCCEEDED within the last minute. */
    long getSucceededPerMinute();

    /** Jobs that finished FAILED within the last minute. */
    long getFailedPerMinute();

    /** Seconds the oldest ENQUEUED job has been waiting (0 when none waits). */
    double getOldestEnqueuedAgeSeconds();

    /** Jobs running on this server now. */
    int getWorkersBusy();
}
