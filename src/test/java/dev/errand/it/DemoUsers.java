package dev.errand.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The demo application as its users meet it: register, log in; and the mailbox their mail lands in. */
final class DemoUsers {

    static final int SMTP_PORT = Integer.getInteger("errand.test.smtpPort", 3125);
    static final String PASSWORD = "correct horse battery";

    private DemoUsers() {
    }

    /** GreenMail on the port the test server sends to (failsafe sets ERRAND_SMTP_HOST/PORT), fresh per test. */
    static GreenMailExtension mailServer() {
        return new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    record Registered(long id, String email, String name) {
    }

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    static Registered register(String who) {
        String email = uniqueEmail(who);
        String name = Character.toUpperCase(who.charAt(0)) + who.substring(1) + " Tester";
        Api.Response response = Api.anonymous().post("/api/users/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"" + name + "\"}");
        if (response.status() != 201) {
            throw new AssertionError("register " + email + ": " + response);
        }
        return new Registered(response.json().getJsonNumber("id").longValue(), email, name);
    }

    static JsonObject login(String email) {
        Api.Response response = Api.anonymous().post("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        if (response.status() != 200) {
            throw new AssertionError("login " + email + ": " + response);
        }
        return response.json();
    }

    /** The id of the job of {@code type} whose arguments name this user, as the administrator finds it. */
    static long jobFor(String type, long userId) {
        return Api.admin().get("/api/jobs?type=" + type + "&limit=500").json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject())
                .filter(job -> job.getJsonObject("args").getJsonNumber("userId").longValue() == userId)
                .mapToLong(job -> job.getJsonNumber("id").longValue())
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " job for user " + userId));
    }

    static List<MimeMessage> mailTo(GreenMailExtension mail, String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> recipients(m).contains(address)).toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null ? List.of() : Arrays.stream(to).map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress()).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
