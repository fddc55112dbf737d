package dev.errand.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A logged-in user asks for a reminder; the mail arrives when it is due, not before. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReminderIT {

    @RegisterExtension
    static GreenMailExtension mail = DemoUsers.mailServer();

    @Test
    void aReminderMailArrivesAfterItsDelay() throws Exception {
        DemoUsers.Registered jo = DemoUsers.register("jo");
        Api user = Api.bearer(DemoUsers.login(jo.email()).getString("accessToken"));

        Api.Response created = user.post("/api/reminders", "{\"in\":\"PT2S\",\"message\":\"Water the <plants>\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject job = created.json();
        assertThat(job.getString("type")).isEqualTo("email.reminder");
        assertThat(job.getString("state")).isEqualTo("SCHEDULED");
        Instant due = Instant.parse(job.getString("scheduledAt"));
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders(jo).size() == 1);
        MimeMessage reminder = reminders(jo).get(0);
        assertThat(reminder.getReceivedDate().toInstant()).isAfterOrEqualTo(due);
        assertThat(GreenMailBodies.text(reminder)).contains("Water the <plants>");
        assertThat(GreenMailBodies.html(reminder)).contains("Water the &lt;plants&gt;");
        JsonObject done = Api.admin().awaitState(job.getJsonNumber("id").longValue(), "SUCCEEDED");
        assertThat(Api.states(done)).containsExactly("SCHEDULED", "PROCESSING", "SUCCEEDED");
        assertThat(reminders(jo)).hasSize(1);
    }

    @Test
    void aReminderAtAnInstantIsScheduledForIt() {
        DemoUsers.Registered kim = DemoUsers.register("kim");
        Api user = Api.bearer(DemoUsers.login(kim.email()).getString("accessToken"));
        Instant at = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        Api.Response created = user.post("/api/reminders", "{\"at\":\"" + at + "\",\"message\":\"Renew the passport\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(Instant.parse(created.json().getString("scheduledAt"))).isEqualTo(at);
        Api.admin().delete("/api/jobs/" + created.json().getJsonNumber("id").longValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"message\":\"no time\"}",
            "{\"in\":\"PT1H\",\"at\":\"2099-01-01T00:00:00Z\",\"message\":\"both\"}",
            "{\"in\":\"tomorrow\",\"message\":\"not a duration\"}",
            "{\"in\":\"-PT1H\",\"message\":\"in the past\"}",
            "{\"in\":\"P400D\",\"message\":\"too far\"}",
            "{\"at\":\"2001-01-01T00:00:00Z\",\"message\":\"in the past\"}",
            "{\"at\":\"next monday\",\"message\":\"not an instant\"}",
            "{\"in\":\"PT1H\"}",
            "{\"in\":\"PT1H\",\"message\":\"   \"}",
            "{\"in\":\"PT1H\",\"message\":\"hi\",\"to\":\"someone@else.test\"}",
    })
    void badRemindersAreRefusedAndStoreNothing(String body) {
        DemoUsers.Registered lou = DemoUsers.register("lou");
        Api user = Api.bearer(DemoUsers.login(lou.email()).getString("accessToken"));
        long jobs = Database.jobCount();

        assertProblem(user.post("/api/reminders", body), 422, null);

        assertThat(Database.jobCount()).isEqualTo(jobs);
    }

    private static List<MimeMessage> reminders(DemoUsers.Registered user) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage m : DemoUsers.mailTo(mail, user.email())) {
            if (m.getSubject().startsWith("Reminder")) {
                found.add(m);
            }
        }
        return found;
    }
}
