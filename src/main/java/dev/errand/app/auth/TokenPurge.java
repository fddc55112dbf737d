package dev.errand.app.auth;

import dev.errand.job.engine.EngineReadiness;
import dev.errand.platform.Config;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Housekeeping: deletes expired access and refresh tokens, hourly by default ({@code ERRAND_TOKEN_PURGE_INTERVAL},
 * which tests shorten). A non-persistent timer of each server: a missed run is simply done by the next one.
 * Each run has its own transaction; a failure is logged and the timer keeps going.
 */
@Singleton
@Startup
@DependsOn("Schema")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TokenPurge {

    private static final Logger LOG = Logger.getLogger(TokenPurge.class.getName());

    private final Duration interval = Config.getDuration("TOKEN_PURGE_INTERVAL", Duration.ofHours(1));

    @Resource
    TimerService timers;

    @Inject
    Tokens tokens;

    @Inject
    EngineReadiness readiness;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("errand-token-purge", false));
    }

    @Timeout
    void purge() {
        if (!readiness.isReady()) {
            return;
        }
        try {
            int purged = tokens.purgeExpired();
            if (purged > 0) {
                LOG.info(() -> "Token purge: deleted " + purged + " expired tokens");
            } else {
                LOG.fine("Token purge: no expired tokens");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Token purge failed; the next run tries again", e);
        }
    }
}
