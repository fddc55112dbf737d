package dev.errand.platform.security;

import dev.errand.platform.Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Slows down password guessing (HTTP Basic and the demo application's login): after {@code ERRAND_LOGIN_FAILURES}
 * (10) wrong passwords within {@code ERRAND_LOGIN_WINDOW} (a minute) from one client address, or for one account,
 * further attempts are refused with 429 until the oldest of those failures is a window old. Nothing locks for good.
 * So that a stranger's guesses cannot lock an operator out, an account's block does not apply to an address that
 * has logged in to that account before (its own address block still does). Behind a reverse proxy the client
 * address is the proxy's unless the server is told to trust the proxy's forwarding header (docs/security.md).
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());
    private static final int MAX_KEYS = 10_000;
    private static final int MAX_KEY_LENGTH = 200;

    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final FailureWindow byAddress;
    private final FailureWindow byAccount;
    private final Map<String, Boolean> knownAddresses = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public LoginThrottle() {
        this(Config.getInt("LOGIN_FAILURES", 10), Config.getDuration("LOGIN_WINDOW", Duration.ofMinutes(1)),
                System::nanoTime);
    }

    LoginThrottle(int limit, Duration window, LongSupplier clock) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = clock;
        this.byAddress = new FailureWindow(limit, windowNanos, MAX_KEYS);
        this.byAccount = new FailureWindow(limit, windowNanos, MAX_KEYS);
    }

    /** Seconds to wait before trying again, when this address may not try a password for this account now. */
    public OptionalLong refusal(String address, String account) {
        long now = clock.getAsLong();
        long blocked = byAddress.blockedNanos(address, now);
        if (blocked == 0 && !known(address, account)) {
            blocked = byAccount.blockedNanos(key(account), now);
        }
        return blocked == 0 ? OptionalLong.empty() : OptionalLong.of((blocked + 999_999_999L) / 1_000_000_000L);
    }

    /** Records the outcome of a password check that {@link #refusal} let through. */
    public void record(String address, String account, boolean succeeded) {
        if (succeeded) {
            synchronized (knownAddresses) {
                knownAddresses.put(pair(address, account), Boolean.TRUE);
            }
            return;
        }
        long now = clock.getAsLong();
        if (byAddress.add(address, now)) {
            LOG.warning(() -> "Login throttled: " + limit + " failed logins within " + Duration.ofNanos(windowNanos)
                    + " from address " + address + "; its further attempts are refused with 429 until then");
        }
        if (byAccount.add(key(account), now)) {
            LOG.warning(() -> "Login throttled: " + limit + " failed logins within " + Duration.ofNanos(windowNanos)
                    + " for account '" + printable(key(account)) + "' (last from " + address
                    + "); attempts from addresses new to it are refused with 429 until then");
        }
    }

    private boolean known(String address, String account) {
        synchronized (knownAddresses) {
            return knownAddresses.containsKey(pair(address, account));
        }
    }

    private static String pair(String address, String account) {
        return key(account) + '\u0000' + address;
    }

    private static String key(String account) {
        return account.length() > MAX_KEY_LENGTH ? account.substring(0, MAX_KEY_LENGTH) : account;
    }

    /** The account name as the client sent it: no control characters into the log. */
    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }
}
