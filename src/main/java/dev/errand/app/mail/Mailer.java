package dev.errand.app.mail;

import dev.errand.job.PermanentJobFailure;
import dev.errand.platform.Config;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Sends the demo application's mail. The Jakarta Mail session is built here from Errand's environment variables,
 * not looked up from the server, so the same WAR sends mail on WildFly and Payara without server configuration.
 * Without {@code ERRAND_SMTP_HOST} every message is written to the outbox directory as an {@code .eml} file instead.
 */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());
    private static final String TIMEOUT_MS = "20000";

    /** What to send: the same content as plain text and as HTML. */
    public record Mail(String subject, String text, String html) {
    }

    private Session session;
    private Optional<String> smtpHost;
    private InternetAddress from;
    private Path outbox;
    private String user;
    private String password;

    @PostConstruct
    void configure() {
        smtpHost = Config.get("SMTP_HOST");
        String fromText = Config.get("MAIL_FROM", "Errand <errand@localhost>");
        try {
            from = new InternetAddress(fromText, true);
        } catch (AddressException e) {
            throw new IllegalStateException("ERRAND_MAIL_FROM is not an e-mail address: '" + fromText + "'", e);
        }
        Properties properties = new Properties();
        properties.put("mail.from", from.getAddress()); // Message-IDs in the sender's domain, not "localhost"
        smtpHost.ifPresent(host -> {
            boolean ssl = Config.get("SMTP_TLS", "false").equalsIgnoreCase("ssl");
            boolean starttls = Config.get("SMTP_TLS", "false").equalsIgnoreCase("true")
                    || Config.get("SMTP_TLS", "false").equalsIgnoreCase("starttls");
            String protocol = ssl ? "smtps" : "smtp";
            properties.put("mail.transport.protocol", protocol);
            properties.put("mail." + protocol + ".host", host);
            properties.put("mail." + protocol + ".port", Config.get("SMTP_PORT", ssl ? "465" : starttls ? "587" : "25"));
            properties.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
            properties.put("mail." + protocol + ".timeout", TIMEOUT_MS);
            properties.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
            if (starttls) {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
            }
            user = Config.get("SMTP_USER").orElse(null);
            password = Config.get("SMTP_PASSWORD").orElse(null);
            properties.put("mail." + protocol + ".auth", String.valueOf(user != null));
        });
        session = Session.getInstance(properties);
        if (smtpHost.isPresent()) {
            LOG.info(() -> "Mail goes to the SMTP server " + smtpHost.get() + ":"
                    + session.getProperty("mail." + session.getProperty("mail.transport.protocol") + ".port"));
        } else {
            outbox = Config.get("MAIL_OUTBOX").map(Path::of).orElseGet(Mailer::defaultOutbox);
            LOG.info(() -> "No ERRAND_SMTP_HOST: mail is written to the outbox " + outbox.toAbsolutePath());
        }
    }

    /**
     * Sends the mail, or writes it to the outbox. An address that can never work is a {@link PermanentJobFailure};
     * anything else (the server down, a timeout) is an ordinary failure, so the job is retried.
     *
     * @param name the file name of the outbox copy, without extension
     */
    public void send(String to, String toName, Mail mail, String name) throws MessagingException, IOException {
        MimeMessage message = compose(recipient(to, toName), mail);
        if (smtpHost.isEmpty()) {
            writeToOutbox(message, name, to);
            return;
        }
        try {
            if (user != null) {
                Transport.send(message, user, password);
            } else {
                Transport.send(message);
            }
        } catch (SendFailedException e) {
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                throw new PermanentJobFailure("the mail server refused the address <" + to + ">: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private MimeMessage compose(InternetAddress to, Mail mail) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html); // simplest first (RFC 2046)
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static InternetAddress recipient(String address, String name) {
        try {
            InternetAddress to = new InternetAddress(address, true);
            to.validate();
            if (!address.contains("@") || address.endsWith("@")) {
                throw new AddressException("no domain", address);
            }
            to.setPersonal(name, StandardCharsets.UTF_8.name());
            return to;
        } catch (AddressException | java.io.UnsupportedEncodingException e) {
            throw new PermanentJobFailure("cannot send mail to <" + address + ">: not a valid e-mail address ("
                    + e.getMessage() + ")", e);
        }
    }

    private void writeToOutbox(MimeMessage message, String name, String to) throws IOException, MessagingException {
        Files.createDirectories(outbox);
        Path file = outbox.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".eml");
        Path partial = Files.createTempFile(outbox, ".sending-", ".tmp");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info(() -> "Mail to <" + to + "> written to " + file);
    }

    private static Path defaultOutbox() {
        String data = System.getProperty("jboss.server.data.dir"); // WildFly's data directory, when there is one
        return data != null ? Path.of(data, "outbox") : Path.of(System.getProperty("java.io.tmpdir"), "errand-outbox");
    }
}
