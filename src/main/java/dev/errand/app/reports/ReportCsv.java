package dev.errand.app.reports;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Reports as CSV (RFC 4180), one figure per line, so that any number of days and job types fit one table:
 * {@code date,metric,type,state,value}.
 */
final class ReportCsv {

    static final String HEADER = "date,metric,type,state,value\r\n";

    private ReportCsv() {
    }

    static String of(List<JsonObject> reports) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (JsonObject report : reports) {
            String date = report.getString("date");
            line(csv, date, "signups", "", "", report.get("signups"));
            for (JsonValue v : report.getJsonArray("jobs")) {
                JsonObject group = v.asJsonObject();
                String type = group.getString("type");
                String state = group.getString("state");
                line(csv, date, "jobs", type, state, group.get("count"));
                line(csv, date, "run_time_p50_ms", type, state, group.get("p50"));
                line(csv, date, "run_time_p95_ms", type, state, group.get("p95"));
            }
            for (JsonValue v : report.getJsonArray("failures")) {
                JsonObject failure = v.asJsonObject();
                line(csv, date, "failures", failure.getString("type"), "", failure.get("count"));
            }
            JsonObject overall = report.getJsonObject("runTimeMs");
            line(csv, date, "run_time_p50_ms", "", "", overall.get("p50"));
            line(csv, date, "run_time_p95_ms", "", "", overall.get("p95"));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, String date, String metric, String type, String state, JsonValue value) {
        csv.append(date).append(',').append(metric).append(',').append(field(type)).append(',').append(field(state))
                .append(',').append(value instanceof JsonNumber n ? n.toString() : "").append("\r\n");
    }

    /** Quotes what needs it; a leading formula character is defused so a spreadsheet shows it as text. */
    private static String field(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
