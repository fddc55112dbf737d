package dev.errand.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Accounts and their passwords (PBKDF2, stored hashed). A successful check is remembered as an HMAC under a key
 * that lives only in this process, so that HTTP Basic clients do not pay a deliberately slow hash on every
 * request. After a minute the stored hash is read again: unchanged, the check stands for another minute
 * (a cheap lookup, not 210,000 PBKDF2 rounds for every client at once); changed or gone, the password is
 * checked afresh.
 */
@ApplicationScoped
public class Accounts {

    public static final Set<String> ROLES = Roles.ASSIGNABLE;
    private static final long REMEMBER_NANOS = 60_000_000_000L;

    private record Remembered(String mac, String storedHash, Set<String> roles, long until) {
    }

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    @Inject
    PasswordHashes passwords;

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final byte[] macKey = new byte[32];

    @PostConstruct
    void init() {
        new SecureRandom().nextBytes(macKey);
    }

    /** The account's roles when the password is right; an unknown name costs a hash all the same (PasswordHashes). */
    public Optional<Set<String>> verify(String username, String password) {
        String mac = mac(username, password);
        Remembered known = remembered.get(username);
        boolean sameSecret = known != null && known.mac.equals(mac);
        if (sameSecret && known.until - System.nanoTime() > 0) {
            return Optional.of(known.roles);
        }
        AccountEntity account = em.find(AccountEntity.class, username);
        if (account == null) {
            passwords.matches(password, Optional.empty());
            return Optional.empty();
        }
        if (!(sameSecret && known.storedHash.equals(account.passwordHash()))
                && !passwords.matches(password, Optional.of(account.passwordHash()))) {
            return Optional.empty();
        }
        if (remembered.size() > 10_000) {
            remembered.clear();
        }
        remembered.put(username, new Remembered(mac, account.passwordHash(), account.roles(),
                System.nanoTime() + REMEMBER_NANOS));
        return Optional.of(account.roles());
    }

    /** Creates the account or sets its password and roles. */
    @Transactional
    public void save(String username, String password, Set<String> roles) {
        String newHash = passwords.generate(password);
        AccountEntity account = em.find(AccountEntity.class, username);
        if (account == null) {
            em.persist(new AccountEntity(username, newHash, roles, OffsetDateTime.now(ZoneOffset.UTC)));
        } else {
            account.update(newHash, roles);
        }
        remembered.remove(username);
    }

    @Transactional
    public boolean delete(String username) {
        AccountEntity account = em.find(AccountEntity.class, username);
        remembered.remove(username);
        if (account == null) {
            return false;
        }
        em.remove(account);
        return true;
    }

    public Optional<AccountEntity> find(String username) {
        return Optional.ofNullable(em.find(AccountEntity.class, username));
    }

    public List<AccountEntity> all() {
        return em.createQuery("SELECT a FROM AccountEntity a ORDER BY a.username", AccountEntity.class).getResultList();
    }

    public boolean anyWithRole(String role) {
        return all().stream().anyMatch(a -> a.roles().contains(role));
    }

    private String mac(String username, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            hmac.update(username.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return HexFormat.of().formatHex(hmac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
