package dev.errand.platform;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Errand's settings. Each is read from the system property {@code errand.x.y} or else the environment
 * variable {@code ERRAND_X_Y}, so the same names work in a shell, a container and a test.
 */
public final class Config {

    private Config() {
    }

    public static Optional<String> get(String name) {
        String value = System.getProperty("errand." + name.toLowerCase().replace('_', '.'));
        if (value == null || value.isBlank()) {
            value = System.getenv("ERRAND_" + name.toUpperCase());
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public static int getInt(String name, int fallback) {
        return get(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("ERRAND_" + name + " must be a whole number, not '" + v + "'");
            }
        }).orElse(fallback);
    }

    /** An ISO-8601 duration such as {@code PT0.2S} or {@code P7D}. */
    public static Duration getDuration(String name, Duration fallback) {
        return get(name).map(v -> {
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("ERRAND_" + name + " must be an ISO-8601 duration, not '" + v + "'");
            }
        }).orElse(fallback);
    }
}
