package dev.errand.job;

/** What a running handler knows about its job. */
public interface JobContext {

    long jobId();

    /** 1 for the first attempt; grows with every retry and every interrupted attempt. */
    int attempt();

    String type();

    /** True once the job was deleted while running: a long handler should stop at the next safe point. */
    boolean isCancelled();
}
