package dev.errand.app.mail;

import dev.errand.app.users.User;
import dev.errand.job.PermanentJobFailure;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Without ERRAND_SMTP_HOST, mail lands in the outbox directory as .eml files a mail client opens. */
class MailerTest {

    @TempDir
    Path outbox;

    private final Mailer mailer = new Mailer();

    @BeforeEach
    void configure() {
        assumeTrue(System.getenv("ERRAND_SMTP_HOST") == null, "ERRAND_SMTP_HOST is set in this shell");
        System.clearProperty("errand.smtp.host");
        System.setProperty("errand.mail.outbox", outbox.toString());
        System.setProperty("errand.mail.from", "Errand <errand@example.test>");
        mailer.configure();
    }

    @AfterEach
    void reset() {
        System.clearProperty("errand.mail.outbox");
        System.clearProperty("errand.mail.from");
    }

    @Test
    void aMailIsWrittenToTheOutboxAsTextAndHtml() throws Exception {
        User ada = new User(7, "ada@example.test", "Ada <Lovelace>", Instant.now());

        mailer.send(ada.email(), ada.name(), MailTemplates.welcome(ada), "welcome-7");

        List<Path> files;
        try (Stream<Path> listed = Files.list(outbox)) {
            files = listed.toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("welcome-7.eml");
        MimeMessage mail;
        try (InputStream in = Files.newInputStream(files.get(0))) {
            mail = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(((InternetAddress) mail.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress())
                .isEqualTo("ada@example.test");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Errand <errand@example.test>");
        MimeMultipart alternative = (MimeMultipart) mail.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Hello Ada <Lovelace>,");
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("Hello Ada &lt;Lovelace&gt;,");
    }

    @Test
    void anInvalidAddressIsAPermanentFailure() {
        User nobody = new User(8, "not an address", "Nobody", Instant.now());

        assertThatThrownBy(() -> mailer.send(nobody.email(), nobody.name(), MailTemplates.welcome(nobody), "welcome-8"))
                .isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("not a valid e-mail address");
        assertThat(outbox).isEmptyDirectory();
    }
}
