package dev.errand.app.reports;

import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code /api/reports}: the nightly reports, as JSON or (with {@code Accept: text/csv}) as CSV; administrators only. */
@Path("reports")
@RequestScoped
@RolesAllowed("viewer")
public class ReportsResource {

    public static final String CSV = "text/csv";
    /** Below JSON for a client that accepts anything (curl, a browser): CSV only when asked for. */
    private static final String CSV_LOWER = "text/csv;qs=0.5";

    @Inject
    Reports reports;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list(@QueryParam("limit") String limit) {
        return Json.createObjectBuilder().add("items", Json.createArrayBuilder(reports.latest(Paging.limit(limit, 31, 366)))).build();
    }

    @GET
    @Produces(CSV_LOWER)
    public Response listCsv(@QueryParam("limit") String limit) {
        return csv(reports.latest(Paging.limit(limit, 31, 366)), "errand-reports.csv");
    }

    @GET
    @Path("{date}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject one(@PathParam("date") String date) {
        return find(date);
    }

    @GET
    @Path("{date}")
    @Produces(CSV_LOWER)
    public Response oneCsv(@PathParam("date") String date) {
        return csv(List.of(find(date)), "errand-report-" + date + ".csv");
    }

    private JsonObject find(String date) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("date must be a day such as 2030-01-31", "date");
        }
        return reports.find(day).orElseThrow(() -> new ApiException(404, "no report for " + day));
    }

    private static Response csv(List<JsonObject> content, String fileName) {
        return Response.ok(ReportCsv.of(content), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}
