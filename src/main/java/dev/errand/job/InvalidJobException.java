package dev.errand.job;

/** A job that cannot be created as asked; {@link #field()} names the part of the request at fault. */
public class InvalidJobException extends RuntimeException {

    private final String field;

    public InvalidJobException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
