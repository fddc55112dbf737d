package dev.errand.app.users;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The users of the demo application: registration (with its welcome mail) and password checks. */
@ApplicationScoped
public class Users {

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash hash;

    @Inject
    Event<UserRegistered> registered;

    /** Verified against when no user has the address, so that a login takes as long either way. */
    private String decoyHash;

    @PostConstruct
    void init() {
        hash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.SaltSizeBytes", "16"));
        decoyHash = hash.generate("not a password of anyone".toCharArray());
    }

    /**
     * Stores the user and announces {@link UserRegistered} in the same transaction, so what observers do (the
     * welcome mail's job) happens with the user or not at all. Empty when the address is taken (nothing is stored then).
     */
    @Transactional
    public OptionalLong register(String email, String password, String name) {
        String passwordHash = hash.generate(password.toCharArray()); // before the first statement: no connection held
        List<?> ids = em.createNativeQuery("INSERT INTO errand.users (email, name, password_hash, created_at) "
                        + "VALUES (?1, ?2, ?3, now()) ON CONFLICT ((lower(email))) DO NOTHING RETURNING id")
                .setParameter(1, email)
                .setParameter(2, name)
                .setParameter(3, passwordHash)
                .getResultList();
        if (ids.isEmpty()) {
            return OptionalLong.empty();
        }
        long id = ((Number) ids.get(0)).longValue();
        registered.fire(new UserRegistered(id));
        return OptionalLong.of(id);
    }

    /** The user with this address and password. */
    public Optional<User> authenticate(String email, String password) {
        List<?> rows = em.createNativeQuery("SELECT id, email, name, created_at, password_hash FROM errand.users "
                        + "WHERE lower(email) = lower(?1)")
                .setParameter(1, email)
                .getResultList();
        if (rows.isEmpty()) {
            hash.verify(password.toCharArray(), decoyHash);
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return hash.verify(password.toCharArray(), (String) row[4]) ? Optional.of(user(row)) : Optional.empty();
    }

    public Optional<User> find(long id) {
        return first(em.createNativeQuery("SELECT id, email, name, created_at FROM errand.users WHERE id = ?1")
                .setParameter(1, id).getResultList());
    }

    public Optional<User> findByEmail(String email) {
        return first(em.createNativeQuery("SELECT id, email, name, created_at FROM errand.users "
                + "WHERE lower(email) = lower(?1)").setParameter(1, email).getResultList());
    }

    private static Optional<User> first(List<?> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(user((Object[]) rows.get(0)));
    }

    private static User user(Object[] row) {
        Object at = row[3];
        var createdAt = at instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) at).toInstant();
        return new User(((Number) row[0]).longValue(), (String) row[1], (String) row[2], createdAt);
    }
}
