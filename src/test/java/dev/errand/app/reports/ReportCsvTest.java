package dev.errand.app.reports;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A report as CSV: one figure per line, every field a spreadsheet reads as text stays text. */
class ReportCsvTest {

    @Test
    void everyFigureIsALineAndOddTypeNamesAreQuotedAndDefused() {
        JsonObject report = Json.createObjectBuilder()
                .add("date", "2030-01-31")
                .add("signups", 4)
                .add("jobs", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "invoice.render").add("state", "SUCCEEDED")
                                .add("count", 10).add("p50", 12.5).add("p95", 40.1))
                        .add(Json.createObjectBuilder().add("type", "=cmd|\"x\",y").add("state", "DELETED")
                                .add("count", 1).addNull("p50").addNull("p95")))
                .add("failures", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "invoice.render").add("count", 3)))
                .add("runTimeMs", Json.createObjectBuilder().add("count", 10).add("p50", 12.5).add("p95", 40.1))
                .build();

        String[] lines = ReportCsv.of(List.of(report)).split("\r\n");

        assertThat(lines).containsExactly(
                "date,metric,type,state,value",
                "2030-01-31,signups,,,4",
                "2030-01-31,jobs,invoice.render,SUCCEEDED,10",
                "2030-01-31,run_time_p50_ms,invoice.render,SUCCEEDED,12.5",
                "2030-01-31,run_time_p95_ms,invoice.render,SUCCEEDED,40.1",
                "2030-01-31,jobs,\"'=cmd|\"\"x\"\",y\",DELETED,1",
                "2030-01-31,run_time_p50_ms,\"'=cmd|\"\"x\"\",y\",DELETED,",
                "2030-01-31,run_time_p95_ms,\"'=cmd|\"\"x\"\",y\",DELETED,",
                "2030-01-31,failures,invoice.render,,3",
                "2030-01-31,run_time_p50_ms,,,12.5",
                "2030-01-31,run_time_p95_ms,,,40.1");
    }
}
