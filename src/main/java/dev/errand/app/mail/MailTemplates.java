package dev.errand.app.mail;

import dev.errand.app.users.User;
import java.time.Instant;

/** The words of the demo application's mails, as plain text and as HTML (every user value escaped). */
final class MailTemplates {

    private MailTemplates() {
    }

    static Mailer.Mail welcome(User user) {
        String text = "Hello " + user.name() + ",\n\n"
                + "welcome to Errand! Your account " + user.email() + " is ready.\n\n"
                + "This mail was sent by a background job: your registration was answered at once,\n"
                + "and the mail followed as soon as a worker was free.\n\n"
                + "-- Errand\n";
        String html = page("Welcome to Errand",
                "<p>Hello " + escape(user.name()) + ",</p>"
                        + "<p>welcome to <strong>Errand</strong>! Your account <code>" + escape(user.email())
                        + "</code> is ready.</p>"
                        + "<p>This mail was sent by a background job: your registration was answered at once, "
                        + "and the mail followed as soon as a worker was free.</p>");
        return new Mailer.Mail("Welcome to Errand, " + user.name(), text, html);
    }

    static Mailer.Mail reminder(User user, String message, Instant requestedAt) {
        String text = "Hello " + user.name() + ",\n\n"
                + "you asked to be reminded:\n\n"
                + "    " + message.replace("\n", "\n    ") + "\n\n"
                + "(requested " + requestedAt + ")\n\n"
                + "-- Errand\n";
        String html = page("Reminder",
                "<p>Hello " + escape(user.name()) + ",</p>"
                        + "<p>you asked to be reminded:</p>"
                        + "<blockquote style=\"white-space:pre-wrap\">" + escape(message) + "</blockquote>"
                        + "<p><small>requested " + requestedAt + "</small></p>");
        return new Mailer.Mail("Reminder: " + firstLine(message), text, html);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>"
                + "<body style=\"font-family:sans-serif\">" + body + "<p>&mdash; Errand</p></body></html>";
    }

    private static String firstLine(String message) {
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
