package dev.errand.job.timing;

/**
 * The stages of a job's way from its submission to its outcome, timed on every server so that a change shows which
 * stage it moved (docs/performance.md, "The latency budget"). Per-message stages count once per message, which
 * carries one job (a single submission) or a chunk of them.
 */
public enum Stage {
    /** A single submission inside the server: from the servlet receiving the request to its answer. */
    REQUEST("request"),
    /** The transaction that stores submitted jobs and sends their message (one per group of submissions). */
    SUBMIT_COMMIT("submit_commit"),
    /** From the send of a job message (in the submitting transaction) to its delivery to a worker. */
    DELIVERY("delivery"),
    /** The claim transaction of a message: its jobs committed PROCESSING. */
    CLAIM("claim"),
    /** From a message's delivery to its first handler's start. */
    HANDLER_START("handler_start"),
    /** One attempt's handler, with its own transaction. */
    HANDLER("handler"),
    /** The transaction that records the outcomes of a message's attempts. */
    OUTCOME("outcome"),
    /** A delivery from {@code onMessage} to its return. */
    MESSAGE("message");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
