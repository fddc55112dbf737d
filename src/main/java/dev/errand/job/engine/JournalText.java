package dev.errand.job.engine;

import dev.errand.job.store.JobJournal;

/** A handler's log line as it is stored: one line, of bounded length. */
final class JournalText {

    private JournalText() {
    }

    static String line(String line) {
        if (line == null) {
            return "null";
        }
        int end = line.length();
        String suffix = "";
        if (end > JobJournal.LINE_LENGTH) {
            end = JobJournal.LINE_LENGTH - 1;
            if (Character.isHighSurrogate(line.charAt(end - 1))) {
                end--;
            }
            suffix = "…";
        }
        StringBuilder text = new StringBuilder(end + 1);
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            // A line break would forge a second line; other control characters garble a terminal or a page.
            text.append(Character.isISOControl(c) ? ' ' : c);
        }
        return text.append(suffix).toString();
    }
}
