package dev.errand.it;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** The text and HTML alternatives of a received mail. */
final class GreenMailBodies {

    private GreenMailBodies() {
    }

    static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    static String html(MimeMessage message) throws Exception {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) throws Exception {
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            if (alternative.getBodyPart(i).isMimeType(type)) {
                return (String) alternative.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part in " + alternative.getContentType());
    }
}
