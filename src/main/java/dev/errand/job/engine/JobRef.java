package dev.errand.job.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What a message says about one job: its id and the dispatch number the message was sent under.
 * A message body carries one or more refs as {@code id:dispatch,id:dispatch}: a chunk of jobs per message
 * keeps the broker's per-message cost off the per-job path.
 */
public record JobRef(long id, int dispatch) {

    public static String format(List<JobRef> refs) {
        StringBuilder body = new StringBuilder(refs.size() * 12);
        for (JobRef ref : refs) {
            if (body.length() > 0) {
                body.append(',');
            }
            body.append(ref.id).append(':').append(ref.dispatch);
        }
        return body.toString();
    }

    /** @throws IllegalArgumentException for a body that is not a list of refs (a poison message) */
    public static List<JobRef> parse(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty job message");
        }
        String[] parts = body.split(",");
        List<JobRef> refs = new ArrayList<>(parts.length);
        for (String part : parts) {
            int colon = part.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("not a job reference: '" + part + "'");
            }
            refs.add(new JobRef(Long.parseLong(part.substring(0, colon).trim()),
                    Integer.parseInt(part.substring(colon + 1).trim())));
        }
        return refs;
    }
}
