package dev.errand.app.users;

import dev.errand.platform.security.PasswordHashes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The users of the demo application: registration (with its welcome mail) and password checks. */
@ApplicationScoped
public class Users {

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /** Also makes a check of an unknown address take as long as one of a wrong password. */
    @Inject
    PasswordHashes passwords;

    @Inject
    Event<UserRegistered> registered;

    /**
     * Stores the user and announces {@link UserRegistered} in the same transaction, so what observers do (the
     * welcome mail's job) happens with the user or not at all. Empty when the address is taken (nothing is stored then).
     */
    @Transactional
    public OptionalLong register(String email, String password, String name) {
        String passwordHash = passwords.generate(password); // before the first statement: no connection held
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
        Optional<Object[]> row = rows.stream().map(Object[].class::cast).findFirst();
        return passwords.matches(password, row.map(r -> (String) r[4])) ? row.map(Users::user) : Optional.empty();
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
