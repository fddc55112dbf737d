package dev.errand.job.recurring;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.errand.job.InvalidScheduleException;
import jakarta.ejb.ScheduleExpression;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

/**
 * A Unix cron expression in an IANA time zone: 5 fields ({@code minute hour day-of-month month day-of-week}),
 * a macro ({@code @hourly}, {@code @daily}, ...), or 6 fields with a leading {@code second} for schedules finer
 * than a minute ({@code *}{@code /10 * * * * *}: every 10 seconds). Says when it is due, and gives the EJB
 * {@link ScheduleExpression} of the persistent timer that fires it.
 *
 * <p>Due instants come from cron-utils and are the truth: the timer only wakes Errand up. Where the container's
 * calendar arithmetic differs (WildFly fires a time inside the hour skipped when clocks go forward twice, at
 * the wrong local times), the firing finds nothing due and does nothing; see {@code RecurringJobs.runDue}.
 * So a time that does not exist on the day clocks go forward is skipped that day, and a time that occurs
 * twice when they go back runs once, at its first occurrence.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Unix cron with a leading seconds field: the same rules for the other five fields. */
    private static final CronParser PARSER_WITH_SECONDS = new CronParser(CronDefinitionBuilder.defineCron()
            .withSeconds().withValidRange(0, 59).withStrictRange().and()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
            .instance());
    private static final String FIELDS = "5 fields (minute hour day-of-month month day-of-week), 6 with a leading second,";
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    /** Timer field order: second, minute, hour, day-of-month, month, day-of-week. */
    private static final int SECOND = 0;
    private static final int MINUTE = 1;
    private static final int HOUR = 2;
    private static final int DAY_OF_MONTH = 3;
    private static final int MONTH = 4;
    private static final int DAY_OF_WEEK = 5;

    private final String cron;
    /** Six fields, the second first ("0" for a 5-field expression). */
    private final String[] fields;
    private final ZoneId zone;
    private final ExecutionTime executionTime;

    private CronSchedule(String cron, String[] fields, ZoneId zone, ExecutionTime executionTime) {
        this.cron = cron;
        this.fields = fields;
        this.zone = zone;
        this.executionTime = executionTime;
    }

    /**
     * @param zone an IANA zone id such as {@code Europe/Berlin}; {@code null} means UTC
     * @throws InvalidScheduleException naming the field at fault
     */
    public static CronSchedule parse(String cron, String zone) {
        ZoneId zoneId = zone(zone);
        if (cron == null || cron.isBlank()) {
            throw new InvalidScheduleException("cron", "cron is required: " + FIELDS + " or one of " + MACROS.keySet());
        }
        String text = cron.trim().replaceAll("\\s+", " ");
        if (text.length() > 200) {
            throw new InvalidScheduleException("cron", "cron must be at most 200 characters");
        }
        String expanded = text.startsWith("@") ? MACROS.get(text.toLowerCase(Locale.ROOT)) : text;
        if (expanded == null) {
            throw new InvalidScheduleException("cron", "unknown cron macro '" + text + "'; known: " + MACROS.keySet());
        }
        String[] given = expanded.toUpperCase(Locale.ROOT).split(" ");
        if (given.length != 5 && given.length != 6) {
            throw new InvalidScheduleException("cron", "cron must have " + FIELDS + " not " + given.length + ": '" + text + "'");
        }
        String[] fields = new String[6];
        fields[SECOND] = "0";
        System.arraycopy(given, 0, fields, 6 - given.length, given.length);
        ExecutionTime executionTime;
        try {
            Cron parsed = (given.length == 6 ? PARSER_WITH_SECONDS : PARSER).parse(String.join(" ", given));
            parsed.validate();
            executionTime = ExecutionTime.forCron(parsed);
            // the field lists of the timer are built here too, so anything cron-utils let through must expand
            for (int i = 0; i < fields.length; i++) {
                timerField(fields, i);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("cron", "invalid cron '" + text + "': " + e.getMessage());
        }
        CronSchedule schedule = new CronSchedule(text, fields, zoneId, executionTime);
        if (schedule.nextAfter(Instant.now()).isEmpty()) {
            throw new InvalidScheduleException("cron", "cron '" + text + "' never fires");
        }
        return schedule;
    }

    static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneId.of("UTC");
        }
        // Region ids only: TimeZone (which the timer uses) silently reads an unknown id or an offset as GMT.
        if (!ZoneId.getAvailableZoneIds().contains(zone) || !TimeZone.getTimeZone(zone).getID().equals(zone)) {
            throw new InvalidScheduleException("timeZone", "timeZone must be an IANA time zone id such as "
                    + "Europe/Berlin or UTC, not '" + zone + "'");
        }
        return ZoneId.of(zone);
    }

    public String cron() {
        return cron;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first due instant strictly after {@code after}. */
    public Optional<Instant> nextAfter(Instant after) {
        return executionTime.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /**
     * The last due instant strictly before {@code before}, one of those {@link #nextAfter} steps through.
     * Walking backwards, cron-utils also offers the second occurrence of a wall time that clocks repeat when
     * they go back; going forwards it (rightly) skips it, so such a candidate is passed over.
     */
    public Optional<Instant> lastBefore(Instant before) {
        Optional<Instant> candidate = previous(before);
        for (int i = 0; i < 4 && candidate.isPresent(); i++) {
            Optional<Instant> earlier = previous(candidate.get());
            if (earlier.isEmpty() || nextAfter(earlier.get()).equals(candidate)) {
                return candidate;
            }
            candidate = earlier;
        }
        return candidate;
    }

    private Optional<Instant> previous(Instant before) {
        return executionTime.lastExecution(before.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The calendar of the persistent timer: the same fields as explicit lists, in this zone. */
    public ScheduleExpression toScheduleExpression() {
        return new ScheduleExpression()
                .second(timerField(fields, SECOND))
                .minute(timerField(fields, MINUTE))
                .hour(timerField(fields, HOUR))
                .dayOfMonth(timerField(fields, DAY_OF_MONTH))
                .month(timerField(fields, MONTH))
                .dayOfWeek(timerField(fields, DAY_OF_WEEK))
                .year("*")
                .timezone(zone.getId());
    }

    /**
     * One field as the EJB syntax understands it. EJB allows increments only in second, minute and hour, so
     * every field is expanded to its values and written as ranges; a field that starts with '*' and covers
     * everything stays '*', which keeps cron's rule that day-of-month and day-of-week combine by OR only
     * when both are restricted (the EJB rule is the same).
     */
    static String timerField(String[] fields, int index) {
        String field = fields[index];
        int min = index == DAY_OF_MONTH || index == MONTH ? 1 : 0;
        int max = switch (index) { case SECOND, MINUTE -> 59; case HOUR -> 23; case DAY_OF_MONTH -> 31; case MONTH -> 12; default -> 7; };
        int last = index == DAY_OF_WEEK ? 6 : max;
        boolean[] on = new boolean[max + 1];
        for (String part : field.split(",")) {
            String[] stepped = part.split("/", -1);
            if (stepped.length > 2) {
                throw new IllegalArgumentException("bad step in '" + part + "'");
            }
            int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
            if (step < 1) {
                throw new IllegalArgumentException("step must be positive in '" + part + "'");
            }
            int from;
            int to;
            if (stepped[0].equals("*")) {
                from = min;
                to = last;
            } else {
                String[] range = stepped[0].split("-", -1);
                from = value(range[0], index);
                to = range.length == 2 ? value(range[1], index) : stepped.length == 2 ? last : from;
                if (range.length > 2 || from < min || to > max || from > to) {
                    throw new IllegalArgumentException("bad range '" + part + "'");
                }
            }
            for (int v = from; v <= to; v += step) {
                on[index == DAY_OF_WEEK && v == 7 ? 0 : v] = true;
            }
        }
        boolean all = true;
        for (int v = min; v <= last; v++) {
            all &= on[v];
        }
        if (all && field.startsWith("*")) {
            return "*";
        }
        StringBuilder out = new StringBuilder();
        for (int v = min; v <= last; v++) {
            if (!on[v]) {
                continue;
            }
            int end = v;
            while (end + 1 <= last && on[end + 1]) {
                end++;
            }
            out.append(out.isEmpty() ? "" : ",").append(v).append(end > v ? "-" + end : "");
            v = end;
        }
        return out.toString();
    }

    private static int value(String text, int index) {
        String[] names = index == MONTH ? MONTHS : index == DAY_OF_WEEK ? DAYS : null;
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(text)) {
                    return index == MONTH ? i + 1 : i;
                }
            }
        }
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        return cron + " (" + zone + ")";
    }
}
