package dev.errand.platform.security;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusing an unknown name must cost what refusing a wrong password costs. Asserted by structure, not by timing:
 * both checks run one PBKDF2 verification, against hashes made with the same parameters.
 */
class PasswordHashesTest {

    /** Stands in for the server's PBKDF2 (its format: algorithm:iterations:salt:hash); records what it verified. */
    static final class RecordingHash implements Pbkdf2PasswordHash {
        Map<String, String> parameters;
        final List<String> verified = new ArrayList<>();

        @Override
        public void initialize(Map<String, String> parameters) {
            this.parameters = parameters;
        }

        @Override
        public String generate(char[] password) {
            return parameters.get("Pbkdf2PasswordHash.Algorithm") + ":" + parameters.get("Pbkdf2PasswordHash.Iterations")
                    + ":salt:" + new String(password).hashCode();
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            verified.add(hashedPassword);
            return hashedPassword.endsWith(":" + new String(password).hashCode());
        }
    }

    private final RecordingHash hash = new RecordingHash();
    private final PasswordHashes passwords = new PasswordHashes();

    PasswordHashesTest() {
        passwords.hash = hash;
        passwords.init();
    }

    @Test
    void anUnknownNameRunsTheSameVerificationAsAWrongPassword() {
        String stored = passwords.generate("the right password");

        assertThat(passwords.matches("a wrong password", Optional.of(stored))).isFalse();
        assertThat(passwords.matches("a wrong password", Optional.empty())).isFalse();

        assertThat(hash.verified).hasSize(2);
        String known = hash.verified.get(0);
        String decoy = hash.verified.get(1);
        assertThat(known).isEqualTo(stored);
        assertThat(decoy).isNotEqualTo(stored);
        assertThat(iterations(decoy)).isEqualTo(iterations(known)).isEqualTo("210000");
        assertThat(algorithm(decoy)).isEqualTo(algorithm(known)).isEqualTo("PBKDF2WithHmacSHA256");
    }

    @Test
    void theDecoyMatchesNoPasswordNotEvenItsOwn() {
        passwords.matches("anything", Optional.empty());
        String decoy = hash.verified.get(0);
        // whatever the decoy was made from, a check without a stored hash never succeeds
        assertThat(passwords.matches(decoy, Optional.empty())).isFalse();
        assertThat(passwords.matches("the right password", Optional.of(passwords.generate("the right password")))).isTrue();
    }

    private static String iterations(String hash) {
        return hash.split(":")[1];
    }

    private static String algorithm(String hash) {
        return hash.split(":")[0];
    }
}
