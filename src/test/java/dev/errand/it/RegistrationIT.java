package dev.errand.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Registration answers at once; the welcome mail arrives over SMTP exactly once, even when its job is retried. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistrationIT {

    @RegisterExtension
    static GreenMailExtension mail = DemoUsers.mailServer();

    private final Api admin = Api.admin();

    @Test
    void aNewUserGetsExactlyOneWelcomeMail() throws Exception {
        DemoUsers.Registered ada = DemoUsers.register("ada");

        await().atMost(Duration.ofSeconds(30)).until(() -> DemoUsers.mailTo(mail, ada.email()).size() == 1);
        long job = DemoUsers.jobFor("email.welcome", ada.id());
        JsonObject done = admin.awaitState(job, "SUCCEEDED");

        List<MimeMessage> received = DemoUsers.mailTo(mail, ada.email());
        assertThat(received).hasSize(1);
        MimeMessage welcome = received.get(0);
        assertThat(((InternetAddress) welcome.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal())
                .isEqualTo(ada.name());
        assertThat(welcome.getSubject()).isEqualTo("Welcome to Errand, " + ada.name());
        assertThat(welcome.getFrom()[0].toString()).contains("errand@example.test");
        MimeMultipart alternative = (MimeMultipart) welcome.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Hello " + ada.name()).contains(ada.email());
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("Hello " + ada.name());
        assertThat(Api.states(done)).containsExactly("ENQUEUED", "PROCESSING", "SUCCEEDED");
    }

    @Test
    void theWelcomeJobIsStoredWithTheUserAndThePasswordOnlyAsAHash() {
        DemoUsers.Registered bea = DemoUsers.register("bea");

        assertThat(Database.count("SELECT COUNT(*) FROM errand.users WHERE id = ? AND password_hash LIKE 'PBKDF2WithHmacSHA256:%'"
                + " AND position(? IN password_hash) = 0", bea.id(), DemoUsers.PASSWORD)).isEqualTo(1);
        long job = DemoUsers.jobFor("email.welcome", bea.id());
        assertThat(admin.job(job).getString("type")).isEqualTo("email.welcome");
        await().atMost(Duration.ofSeconds(30)).until(() -> DemoUsers.mailTo(mail, bea.email()).size() == 1);
    }

    @Test
    void aWelcomeMailThatFailsOnceIsRetriedAndStillSentOnce() {
        mail.stop(); // the SMTP server is down

        DemoUsers.Registered cy = DemoUsers.register("cy");
        long job = DemoUsers.jobFor("email.welcome", cy.id());
        JsonObject failedOnce = admin.awaitJob(job, j -> Api.states(j).contains("SCHEDULED"));
        mail.start();
        JsonObject done = admin.awaitState(job, "SUCCEEDED");

        assertThat(JobLifecycleIT.events(failedOnce, "SCHEDULED").get(0).getString("exception")).contains("MailConnectException");
        assertThat(Api.states(done)).startsWith("ENQUEUED", "PROCESSING", "SCHEDULED").endsWith("SUCCEEDED");
        assertThat(DemoUsers.mailTo(mail, cy.email())).hasSize(1);
        assertThat(Database.count("SELECT COUNT(*) FROM errand.sent_mail WHERE dedupe_key = ?", "welcome:" + cy.id()))
                .isEqualTo(1);
    }

    @Test
    void aRepeatedWelcomeJobSendsNoSecondMail() {
        DemoUsers.Registered dan = DemoUsers.register("dan");
        await().atMost(Duration.ofSeconds(30)).until(() -> DemoUsers.mailTo(mail, dan.email()).size() == 1);
        admin.awaitState(DemoUsers.jobFor("email.welcome", dan.id()), "SUCCEEDED");

        // a second run for the same user, as a redelivery after a crash would be
        long again = admin.enqueue("{\"type\":\"email.welcome\",\"args\":{\"userId\":" + dan.id() + "}}");
        admin.awaitState(again, "SUCCEEDED");

        assertThat(DemoUsers.mailTo(mail, dan.email())).hasSize(1);
    }

    @Test
    void anInvalidAddressFailsTheJobAtOnceWithAClearError() {
        // an address the registration would refuse, stored as an older system might have stored it
        long id = Database.count("INSERT INTO errand.users (email, name, password_hash, created_at) "
                + "VALUES ('no address at all " + System.nanoTime() + "', 'Nobody', 'x', now()) RETURNING id");
        long job = admin.enqueue("{\"type\":\"email.welcome\",\"args\":{\"userId\":" + id + "}}");

        JsonObject failed = admin.awaitState(job, "FAILED");

        assertThat(Api.states(failed)).containsExactly("ENQUEUED", "PROCESSING", "FAILED");
        assertThat(failed.getString("error")).contains("PermanentJobFailure").contains("not a valid e-mail address");
        assertThat(Database.count("SELECT COUNT(*) FROM errand.sent_mail WHERE user_id = ?", id)).isZero();
    }

    @Test
    void aSecondRegistrationOfAnAddressIsAConflictInAnyCase() {
        DemoUsers.Registered eve = DemoUsers.register("eve");
        long users = Database.count("SELECT COUNT(*) FROM errand.users");
        long jobs = Database.jobCount();

        Api.Response again = Api.anonymous().post("/api/users/register", "{\"email\":\"" + eve.email().toUpperCase()
                + "\",\"password\":\"another password\",\"name\":\"Eve Again\"}");

        assertProblem(again, 409, "email");
        assertThat(Database.count("SELECT COUNT(*) FROM errand.users")).isEqualTo(users);
        assertThat(Database.jobCount()).isEqualTo(jobs);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON        | {\"email\":                                                             | 400 | body",
            "not an object         | [\"a@example.test\"]                                                    | 422 | body",
            "missing email         | {\"password\":\"long enough password\",\"name\":\"N\"}                 | 422 | email",
            "not an email          | {\"email\":\"nobody\",\"password\":\"long enough password\",\"name\":\"N\"} | 422 | email",
            "email without domain  | {\"email\":\"a@b\",\"password\":\"long enough password\",\"name\":\"N\"}   | 422 | email",
            "short password        | {\"email\":\"short@example.test\",\"password\":\"elevenchars\",\"name\":\"N\"} | 422 | password",
            "password not a string | {\"email\":\"n@example.test\",\"password\":123456789012345,\"name\":\"N\"} | 422 | password",
            "blank name            | {\"email\":\"blank@example.test\",\"password\":\"long enough password\",\"name\":\"  \"} | 422 | name",
            "missing name          | {\"email\":\"nameless@example.test\",\"password\":\"long enough password\"} | 422 | name",
            "unknown field         | {\"email\":\"x@example.test\",\"password\":\"long enough password\",\"name\":\"N\",\"admin\":true} | 422 | admin",
    })
    void badRegistrationsAreRefusedAndStoreNothing(String why, String body, int status, String field) {
        long users = Database.count("SELECT COUNT(*) FROM errand.users");
        long jobs = Database.jobCount();

        assertProblem(Api.anonymous().post("/api/users/register", body), status, field);

        assertThat(Database.count("SELECT COUNT(*) FROM errand.users")).isEqualTo(users);
        assertThat(Database.jobCount()).isEqualTo(jobs);
    }
}
