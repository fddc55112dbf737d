package dev.errand.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Login, refresh-token rotation, Bearer access beside HTTP Basic, and the purge of expired tokens. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthIT {

    @RegisterExtension
    static GreenMailExtension mail = DemoUsers.mailServer(); // takes the users' welcome mails

    @Test
    void loginGivesAPairOfTokensAndTheAccessTokenAuthenticatesTheUser() {
        DemoUsers.Registered fay = DemoUsers.register("fay");

        JsonObject tokens = DemoUsers.login(fay.email().toUpperCase());

        assertThat(tokens.getInt("expiresIn")).isEqualTo(15 * 60);
        assertThat(tokens.getString("accessToken")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(tokens.getString("refreshToken"));
        Api user = Api.bearer(tokens.getString("accessToken"));
        // authenticated as a user: the reminder endpoint looks at the body (422), not at the login (401)
        assertProblem(user.post("/api/reminders", "{}"), 422, null);
        // a user is not an API client of the job queue
        assertProblem(user.get("/api/jobs"), 403, null);
        assertProblem(user.get("/api/reports"), 403, null);
        // tokens are stored hashed, never as given
        assertThat(Database.count("SELECT COUNT(*) FROM errand.auth_token WHERE token_hash = ?",
                sha256(tokens.getString("accessToken")))).isEqualTo(1);
        assertThat(Database.count("SELECT COUNT(*) FROM errand.auth_token WHERE token_hash = ?",
                tokens.getString("accessToken"))).isZero();
    }

    @Test
    void aRefreshTokenWorksOnceAndRotates() {
        DemoUsers.Registered gus = DemoUsers.register("gus");
        JsonObject first = DemoUsers.login(gus.email());
        String refresh = "{\"refreshToken\":\"" + first.getString("refreshToken") + "\"}";

        Api.Response rotated = Api.anonymous().post("/api/auth/refresh", refresh);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        JsonObject second = rotated.json();
        assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
        assertThat(second.getString("accessToken")).isNotEqualTo(first.getString("accessToken"));
        assertProblem(Api.bearer(second.getString("accessToken")).post("/api/reminders", "{}"), 422, null);

        assertProblem(Api.anonymous().post("/api/auth/refresh", refresh), 401, "refreshToken");

        Api.Response third = Api.anonymous().post("/api/auth/refresh",
                "{\"refreshToken\":\"" + second.getString("refreshToken") + "\"}");
        assertThat(third.status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsAndUnknownTokensAreRefused() {
        DemoUsers.Registered hal = DemoUsers.register("hal");

        assertProblem(Api.anonymous().post("/api/auth/login",
                "{\"email\":\"" + hal.email() + "\",\"password\":\"not the password\"}"), 401, null);
        assertProblem(Api.anonymous().post("/api/auth/login",
                "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.test\",\"password\":\"whatever it is\"}"), 401, null);
        assertProblem(Api.anonymous().post("/api/auth/login", "{\"email\":\"" + hal.email() + "\"}"), 422, "password");
        assertProblem(Api.anonymous().post("/api/auth/refresh", "{\"refreshToken\":\"made-up\"}"), 401, "refreshToken");
        assertProblem(Api.anonymous().post("/api/auth/refresh", "{}"), 422, "refreshToken");

        Api.Response forged = Api.bearer("made-up-token").post("/api/reminders", "{}");
        assertProblem(forged, 401, null);
        assertThat(forged.headers().get("www-authenticate")).anyMatch(h -> h.startsWith("Bearer"));
    }

    @Test
    void remindersNeedAUserAndAccountsKeepHttpBasic() {
        Api.Response anonymous = Api.anonymous().post("/api/reminders", "{}");
        assertProblem(anonymous, 401, null);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic realm=\"Errand\"");
        assertProblem(Api.admin().post("/api/reminders", "{}"), 403, null);
        assertThat(Api.admin().get("/api/stats").status()).isEqualTo(200);
    }

    @Test
    void expiredTokensAreRefusedAndPurged() {
        DemoUsers.Registered ivy = DemoUsers.register("ivy");
        String expiredAccess = "expired-access-" + UUID.randomUUID();
        String expiredRefresh = "expired-refresh-" + UUID.randomUUID();
        insertToken(expiredAccess, "access", ivy.id(), "now() - interval '1 minute'");
        insertToken(expiredRefresh, "refresh", ivy.id(), "now() - interval '1 second'");
        JsonObject live = DemoUsers.login(ivy.email());

        assertProblem(Api.bearer(expiredAccess).post("/api/reminders", "{}"), 401, null);

        // ERRAND_TOKEN_PURGE_INTERVAL is PT1S in the tests (an hour by default)
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count("SELECT COUNT(*) FROM errand.auth_token "
                + "WHERE token_hash IN (?, ?)", sha256(expiredAccess), sha256(expiredRefresh)) == 0);
        assertThat(Database.count("SELECT COUNT(*) FROM errand.auth_token WHERE token_hash IN (?, ?)",
                sha256(live.getString("accessToken")), sha256(live.getString("refreshToken")))).isEqualTo(2);
        assertProblem(Api.anonymous().post("/api/auth/refresh", "{\"refreshToken\":\"" + expiredRefresh + "\"}"),
                401, "refreshToken");
    }

    private static void insertToken(String token, String kind, long userId, String expiresAt) {
        Database.update("INSERT INTO errand.auth_token (token_hash, kind, user_id, created_at, expires_at) "
                + "VALUES (?, ?, ?, now() - interval '1 day', " + expiresAt + ")", sha256(token), kind, userId);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
