package dev.errand.it;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Reads WildFly's persistent timer store (table public.jboss_ejb_timer, partition errand) directly: the timers
 * of recurring jobs carry the recurring job's id, marshalled, in {@code info}.
 */
public final class Timers {

    private static final String OF_RECURRING_JOB = " FROM public.jboss_ejb_timer WHERE partition_name = 'errand'"
            + " AND timed_object_id LIKE '%RecurringTimers' AND encode(decode(info, 'base64'), 'escape') LIKE ?";

    private Timers() {
    }

    public static long countFor(String recurringId) {
        return Database.count("SELECT COUNT(*)" + OF_RECURRING_JOB, "%" + recurringId);
    }

    /** When each of the recurring job's timers fires next. */
    static java.util.List<Instant> nextTimeoutsOf(String recurringId) {
        java.util.List<Instant> all = new java.util.ArrayList<>();
        for (long offset = 0; ; offset++) {
            String next = Database.text("SELECT to_char(next_date, 'YYYY-MM-DD\"T\"HH24:MI:SS')" + OF_RECURRING_JOB
                    + " ORDER BY next_date OFFSET " + offset, "%" + recurringId);
            if (next == null) {
                return all;
            }
            all.add(LocalDateTime.parse(next).atZone(ZoneId.systemDefault()).toInstant());
        }
    }

    /** When the timer fires next; the store keeps it as local time of the server JVM, which shares our zone. */
    static Instant nextTimeoutOf(String recurringId) {
        String next = Database.text("SELECT to_char(next_date, 'YYYY-MM-DD\"T\"HH24:MI:SS')" + OF_RECURRING_JOB,
                "%" + recurringId);
        return next == null ? null : LocalDateTime.parse(next).atZone(ZoneId.systemDefault()).toInstant();
    }
}
