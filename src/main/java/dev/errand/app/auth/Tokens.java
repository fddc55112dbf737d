package dev.errand.app.auth;

import dev.errand.platform.Config;
import dev.errand.platform.security.BearerTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access and refresh tokens of the demo application's users. A token is 256 random bits; only its SHA-256 is
 * stored, so a copy of the table lets nobody in. A fast hash is enough here (unlike for passwords): the token
 * cannot be guessed, so there is nothing to slow down. A refresh token works once; using it issues a new pair.
 */
@ApplicationScoped
public class Tokens implements BearerTokens {

    public static final String USER_ROLE = "user";

    /** What the client gets at login and at each refresh. */
    public record Issued(String accessToken, String refreshToken, long expiresIn) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long REMEMBER_NANOS = 60_000_000_000L;

    private record Remembered(Caller caller, long until) {
    }

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private final Duration accessTtl = Config.getDuration("ACCESS_TOKEN_TTL", Duration.ofMinutes(15));
    private final Duration refreshTtl = Config.getDuration("REFRESH_TOKEN_TTL", Duration.ofDays(30));

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    @Transactional
    public Issued issue(long userId) {
        String access = newToken();
        String refresh = newToken();
        store(access, "access", userId, accessTtl);
        store(refresh, "refresh", userId, refreshTtl);
        return new Issued(access, refresh, accessTtl.toSeconds());
    }

    /**
     * Spends the refresh token and issues a new pair. The delete is the check: of two concurrent uses of one
     * token only one deletes the row, so only one gets a new pair.
     */
    @Transactional
    public Optional<Issued> refresh(String refreshToken) {
        List<?> users = em.createNativeQuery("DELETE FROM errand.auth_token WHERE token_hash = ?1 AND kind = 'refresh' "
                        + "RETURNING user_id, expires_at > now()")
                .setParameter(1, sha256(refreshToken))
                .getResultList();
        if (users.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) users.get(0);
        if (!Boolean.TRUE.equals(row[1])) {
            return Optional.empty(); // expired: spent all the same
        }
        return Optional.of(issue(((Number) row[0]).longValue()));
    }

    /**
     * A valid access token stands for its user, by e-mail address, in role {@code user}. Every request of a user
     * asks this, so a token found valid is remembered for a minute (never past its expiry): one query per token
     * and minute instead of one per request.
     */
    @Override
    public Optional<Caller> verify(String token) {
        String hash = sha256(token);
        Remembered known = remembered.get(hash);
        if (known != null && known.until - System.nanoTime() > 0) {
            return Optional.of(known.caller);
        }
        List<?> rows = em.createNativeQuery("SELECT u.email, extract(epoch FROM t.expires_at - now()) "
                        + "FROM errand.auth_token t JOIN errand.users u ON u.id = t.user_id "
                        + "WHERE t.token_hash = ?1 AND t.kind = 'access' AND t.expires_at > now()")
                .setParameter(1, hash)
                .getResultList();
        if (rows.isEmpty()) {
            remembered.remove(hash);
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        Caller caller = new Caller((String) row[0], Set.of(USER_ROLE));
        long validNanos = (long) (((Number) row[1]).doubleValue() * 1e9);
        if (remembered.size() > 10_000) {
            remembered.clear();
        }
        remembered.put(hash, new Remembered(caller, System.nanoTime() + Math.min(validNanos, REMEMBER_NANOS)));
        return Optional.of(caller);
    }

    /** Deletes the expired tokens of both kinds; returns how many. */
    @Transactional
    public int purgeExpired() {
        return em.createNativeQuery("DELETE FROM errand.auth_token WHERE expires_at <= now()").executeUpdate();
    }

    private void store(String token, String kind, long userId, Duration ttl) {
        em.createNativeQuery("INSERT INTO errand.auth_token (token_hash, kind, user_id, created_at, expires_at) "
                        + "VALUES (?1, ?2, ?3, now(), now() + ?4 * interval '1 millisecond')")
                .setParameter(1, sha256(token))
                .setParameter(2, kind)
                .setParameter(3, userId)
                .setParameter(4, ttl.toMillis())
                .executeUpdate();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
