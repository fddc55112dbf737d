package dev.errand.it;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a job's history says about when it ran: its PROCESSING intervals, from the recorded events (no timing). */
final class JobObservations {

    /** One attempt, from entering PROCESSING to the next event that left it. */
    record Interval(Instant start, Instant end) {
    }

    private JobObservations() {
    }

    static List<Interval> processing(JsonObject job) {
        List<JsonObject> events = job.getJsonArray("history").stream().map(e -> e.asJsonObject()).toList();
        List<Interval> runs = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getString("state").equals("PROCESSING")) {
                Instant start = Instant.parse(events.get(i).getString("at"));
                Instant end = events.stream().skip(i + 1).filter(e -> !e.getString("state").equals("PROCESSING"))
                        .map(e -> Instant.parse(e.getString("at"))).findFirst().orElse(Instant.MAX);
                runs.add(new Interval(start, end));
            }
        }
        return runs;
    }

    static List<String> reasons(JsonObject job) {
        return job.getJsonArray("history").stream().map(e -> e.asJsonObject())
                .filter(e -> !e.isNull("reason")).map(e -> e.getString("reason")).toList();
    }

    /** The most intervals open at one instant (an end at the same instant as a start does not overlap it). */
    static int maxOverlap(List<Interval> runs) {
        int most = 0;
        for (Interval run : runs) {
            int open = (int) runs.stream().filter(o -> !o.start().isAfter(run.start()) && o.end().isAfter(run.start()))
                    .count();
            most = Math.max(most, open);
        }
        return most;
    }

    /** The most starts within any window of this length (closed at its start, open at its end). */
    static int maxInWindow(List<Instant> starts, Duration window) {
        int most = 0;
        for (Instant from : starts) {
            Instant to = from.plus(window);
            most = Math.max(most, (int) starts.stream().filter(s -> !s.isBefore(from) && s.isBefore(to)).count());
        }
        return most;
    }
}
