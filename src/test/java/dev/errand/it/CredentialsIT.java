package dev.errand.it;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.errand.it.FromAddress.basic;
import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password checks (issue 14, point 2): only where a login is needed, alike for unknown and known names, and throttled
 * per client address and per account. Each test is its own client address (FromAddress), so the blocks it provokes
 * touch no other test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CredentialsIT {

    private static final String PROTECTED = "/api/stats";

    @Test
    void aWrongPasswordIsRefusedAlikeForAnUnknownAndAKnownName() {
        FromAddress client = FromAddress.of("127.0.0.11");
        String unknown = "nobody-" + UUID.randomUUID();
        List<Long> knownMillis = new ArrayList<>();
        List<Long> unknownMillis = new ArrayList<>();
        Api.Response known = null;
        Api.Response stranger = null;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            known = client.get(PROTECTED, basic("admin", "not-the-password-" + i));
            knownMillis.add((System.nanoTime() - start) / 1_000_000);
            start = System.nanoTime();
            stranger = client.get(PROTECTED, basic(unknown, "not-the-password-" + i));
            unknownMillis.add((System.nanoTime() - start) / 1_000_000);
        }

        assertProblem(known, 401, null);
        assertProblem(stranger, 401, null);
        assertThat(stranger.body()).isEqualTo(known.body());
        assertThat(stranger.header("WWW-Authenticate")).isEqualTo(known.header("WWW-Authenticate"));
        // for the record only (no timing assertions): the unknown name pays the same PBKDF2 hash, shown by
        // dev.errand.platform.security.PasswordHashesTest
        System.out.println("CredentialsIT: refusal times (ms), known name " + knownMillis + ", unknown name " + unknownMillis);
    }

    @Test
    void theEleventhFailedLoginInAMinuteFromOneAddressIsAnswered429() {
        FromAddress guesser = FromAddress.of("127.0.0.12");
        for (int i = 1; i <= 10; i++) {
            assertProblem(guesser.get(PROTECTED, basic("guess-" + i + "-" + UUID.randomUUID(), "wrong")), 401, null);
        }

        Api.Response eleventh = guesser.get(PROTECTED, basic("guess-11-" + UUID.randomUUID(), "wrong"));

        assertProblem(eleventh, 429, null);
        assertThat(Long.parseLong(eleventh.header("Retry-After"))).isBetween(1L, 60L);
        // refused before any check, right password or not
        assertProblem(guesser.get(PROTECTED, basic("admin", Api.ADMIN_PASSWORD)), 429, null);
        // other clients are not affected
        assertThat(FromAddress.of("127.0.0.19").get(PROTECTED, basic("admin", Api.ADMIN_PASSWORD)).status()).isEqualTo(200);
        assertThat(Api.admin().get(PROTECTED).status()).isEqualTo(200);
    }

    @Test
    void anAccountUnderAttackIsRefusedToNewAddressesButNotToItsOwn() {
        String name = "target-" + UUID.randomUUID().toString().substring(0, 8);
        Api owner = Api.submitter(name);
        assertThat(owner.get("/api/jobs").status()).isEqualTo(200); // the owner has used 127.0.0.1
        for (int i = 0; i < 10; i++) {
            assertProblem(FromAddress.of("127.0.1." + (10 + i)).get("/api/jobs", basic(name, "guess-" + i)), 401, null);
        }

        Api.Response fromANewAddress = FromAddress.of("127.0.1.30").get("/api/jobs", basic(name, name + "-password-123"));

        assertProblem(fromANewAddress, 429, null);
        assertThat(fromANewAddress.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(owner.get("/api/jobs").status()).isEqualTo(200);
    }

    @Test
    void theDemoLoginIsThrottledToo() {
        FromAddress guesser = FromAddress.of("127.0.0.13");
        String login = "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.test\",\"password\":\"wrong password\"}";
        for (int i = 0; i < 10; i++) {
            assertProblem(guesser.post("/api/auth/login", null, login), 401, null);
        }

        Api.Response eleventh = guesser.post("/api/auth/login", null, login);

        assertProblem(eleventh, 429, null);
        assertThat(Long.parseLong(eleventh.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void credentialsSentToAnAnonymousPathAreNotChecked() {
        FromAddress client = FromAddress.of("127.0.0.14");
        String bogus = basic("admin", "bogus");
        for (int i = 0; i < 15; i++) {
            Api.Response health = client.get("/health", bogus);
            assertThat(health.status()).as(health.body()).isEqualTo(200);
        }

        // had the 15 been checked, they would be 15 failures: this one would be throttled (429), not refused (401)
        assertProblem(client.get(PROTECTED, bogus), 401, null);
    }
}
