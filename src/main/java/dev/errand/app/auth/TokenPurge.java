package dev.errand.app.auth;

import dev.errand.platform.housekeeping.HousekeepingTask;
import dev.errand.platform.Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Housekeeping: deletes expired access and refresh tokens, hourly by default ({@code ERRAND_TOKEN_PURGE_INTERVAL},
 * which tests shorten), on every server; a missed run is simply done by the next one.
 */
@ApplicationScoped
public class TokenPurge implements HousekeepingTask {

    private final Duration interval = Config.getDuration("TOKEN_PURGE_INTERVAL", Duration.ofHours(1));

    @Inject
    Tokens tokens;

    @Override
    public String name() {
        return "expired tokens";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public int run() {
        return tokens.purgeExpired();
    }
}
