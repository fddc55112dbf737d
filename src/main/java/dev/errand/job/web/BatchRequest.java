package dev.errand.job.web;

import java.util.List;

/** The body of {@code POST /api/batches}: its jobs and the callbacks to run when they have ended (docs/workflows.md). */
public record BatchRequest(List<JobRequest> jobs, JobRequest onSuccess, JobRequest onComplete) {
}
