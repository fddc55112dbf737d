package dev.errand.dashboard;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/jobs/bulk}: an action on listed jobs ({@code ids}) or on every failed one ({@code state}). */
public record BulkRequest(
        @NotNull(message = ACTION) @Pattern(regexp = "requeue|delete", message = ACTION) String action,
        @Size(min = 1, message = "ids must be a non-empty array of job ids")
        @Size(max = BulkResource.MAX_IDS, message = "at most {max} ids at once; use state for all failed jobs")
        List<@NotNull(message = EVERY_ID) @Positive(message = EVERY_ID) Long> ids,
        @Pattern(regexp = "(?i)FAILED", message = "state must be \"FAILED\" (bulk actions by state apply to failed jobs)")
        String state) {

    static final String ACTION = "action must be \"requeue\" or \"delete\"";
    static final String EVERY_ID = "every id must be a positive whole number";

    BulkActions.Action verb() {
        return action.equals("requeue") ? BulkActions.Action.REQUEUE : BulkActions.Action.DELETE;
    }
}
