package dev.errand.job;

/** What a running handler knows about its job. */
public interface JobContext {

    long jobId();

    /** 1 for the first attempt; grows with every retry and every interrupted attempt. */
    int attempt();

    String type();

    /** True once the job was deleted while running: a long handler should stop at the next safe point. */
    boolean isCancelled();

    /**
     * Reports how far this attempt has come, e.g. {@code progress(300, 1000)}; the job's page and
     * {@code GET /api/jobs/{id}} show the latest report within about a second. Cheap enough to call per item.
     *
     * @throws IllegalArgumentException if {@code done} or {@code total} is negative
     */
    void progress(long done, long total);

    /**
     * Adds a line to this attempt's log, shown with the job while it runs and kept after it ends: the newest 200
     * lines of each attempt, each cut to 1,000 characters, line breaks and other control characters as spaces.
     */
    void log(String line);
}
