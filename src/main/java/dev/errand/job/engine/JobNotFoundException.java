package dev.errand.job.engine;

/** No job has this id (or the caller may not see it). */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(long id) {
        super("no job " + id);
    }
}
