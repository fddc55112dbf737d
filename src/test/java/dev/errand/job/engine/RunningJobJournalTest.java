package dev.errand.job.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.errand.job.store.JobJournal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a handler reports through its context, as it reaches the database. */
class RunningJobJournalTest {

    private final RunningJob job = new RunningJob(42, 7, 3, "report", Clock.fixed(Instant.parse("2026-12-03T07:00:00Z"), ZoneOffset.UTC));

    @Test
    void nothingReportedMeansNothingToWrite() {
        assertNull(job.takeJournal());
    }

    @Test
    void onlyTheLatestProgressIsWrittenAndTheLinesInOrder() {
        job.progress(1, 10);
        job.log("first");
        job.progress(2, 10);
        job.log("second");

        JobJournal.Entries entries = job.takeJournal();

        assertEquals(42, entries.jobId());
        assertEquals(2, entries.progress().done());
        assertEquals(3, entries.progress().attempt());
        assertEquals(java.util.List.of("first", "second"), entries.lines().stream().map(JobJournal.Line::text).toList());
        assertEquals(java.util.List.of(1, 2), entries.lines().stream().map(JobJournal.Line::seq).toList());
        assertNull(job.takeJournal(), "taken once");
    }

    @Test
    void laterReportsOutrankEarlierOnesAndLinesKeepCounting() {
        job.progress(1, 10);
        job.log("a");
        JobJournal.Entries first = job.takeJournal();
        job.progress(5, 10);
        job.log("b");
        JobJournal.Entries second = job.takeJournal();

        assertTrue(second.progress().version() > first.progress().version());
        assertEquals(2, second.lines().get(0).seq());
    }

    @Test
    void aFloodKeepsTheNewestLines() {
        for (int i = 1; i <= 1000; i++) {
            job.log("line " + i);
        }
        JobJournal.Entries entries = job.takeJournal();

        assertEquals(JobJournal.LINES_PER_ATTEMPT, entries.lines().size());
        assertEquals("line 1000", entries.lines().get(entries.lines().size() - 1).text());
        assertEquals(1000, entries.lines().get(entries.lines().size() - 1).seq());
    }

    @Test
    void aLineIsOneLineOfBoundedLength() {
        job.log("name: x\r\nBcc: everyone\u0000");
        job.log("é".repeat(5000));
        job.log(null);
        var lines = job.takeJournal().lines();

        assertEquals("name: x  Bcc: everyone ", lines.get(0).text());
        assertEquals(JobJournal.LINE_LENGTH, lines.get(1).text().length());
        assertTrue(lines.get(1).text().endsWith("…"));
        assertEquals("null", lines.get(2).text());
    }

    @Test
    void negativeProgressIsTheHandlersMistake() {
        assertThrows(IllegalArgumentException.class, () -> job.progress(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> job.progress(1, -10));
    }
}
