package dev.errand.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Password hashes (PBKDF2, 210,000 rounds) for accounts and the demo application's users. A check without a
 * stored hash (no such user) is made against a decoy hash of the same parameters, so that refusing an unknown name
 * takes as long as refusing a wrong password: response times do not tell which names exist.
 */
@ApplicationScoped
public class PasswordHashes {

    static final Map<String, String> PARAMETERS = Map.of("Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.SaltSizeBytes", "16");

    @Inject
    Pbkdf2PasswordHash hash;

    private String decoy;

    @PostConstruct
    void init() {
        hash.initialize(PARAMETERS);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        decoy = hash.generate(Base64.getEncoder().encodeToString(random).toCharArray());
    }

    public String generate(String password) {
        return hash.generate(password.toCharArray());
    }

    /** Whether the password matches the stored hash; false, after the same work, when there is none. */
    public boolean matches(String password, Optional<String> stored) {
        boolean matches = hash.verify(password.toCharArray(), stored.orElse(decoy));
        return stored.isPresent() && matches;
    }
}
