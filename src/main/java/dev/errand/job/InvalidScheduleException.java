package dev.errand.job;

/** A cron expression or time zone that Errand cannot run; {@code field} names which ("cron" or "timeZone"). */
public class InvalidScheduleException extends IllegalArgumentException {

    private final String field;

    public InvalidScheduleException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
