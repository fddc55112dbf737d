package dev.errand.platform.web;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the OpenAPI document that smallrye-open-api-maven-plugin scans from the resources at build time
 * (docs/rest-api.md#openapi): who may call each operation, the status codes it answers and the RFC 9457 problems
 * of its errors, plus the three servlets outside {@code /api}. One table here rather than annotations on every
 * resource: the scanner cannot see a {@code Response}'s status, and one place keeps the codes reviewable.
 * {@code OpenApiIT} calls every operation and fails when a server answers a code the document does not list.
 */
public class OpenApiProblems implements OASFilter {

    static final String PROBLEM = "application/problem+json";

    /** Who may call an operation: nobody logged in, a demo user (Bearer token), or accounts with these roles. */
    record Access(String scheme, List<String> roles) {
        static final Access ANONYMOUS = new Access(null, List.of());

        static Access roles(String... roles) {
            return new Access("basic", List.of(roles));
        }

        static Access user() {
            return new Access("bearer", List.of("user"));
        }
    }

    /** Success codes and errors beyond those derived from the shape of the operation (see {@link #errors}). */
    record Answers(Access access, List<String> success, List<String> extraErrors) {
    }

    private static Answers ok(Access access, String... success) {
        return new Answers(access, List.of(success), List.of());
    }

    private static Answers ok(Access access, List<String> success, String... extraErrors) {
        return new Answers(access, success, List.of(extraErrors));
    }

    static final Map<String, Answers> OPERATIONS = Map.ofEntries(
            Map.entry("GET /api/accounts", ok(Access.roles("admin"), "200")),
            Map.entry("PUT /api/accounts/{username}", ok(Access.roles("admin"), "200", "201")),
            Map.entry("DELETE /api/accounts/{username}", ok(Access.roles("admin"), "204")),
            Map.entry("POST /api/auth/login", ok(Access.ANONYMOUS, List.of("200"), "401", "429")),
            Map.entry("POST /api/auth/refresh", ok(Access.ANONYMOUS, List.of("200"), "401")),
            Map.entry("GET /api/batches", ok(Access.roles("viewer", "submitter"), "200")),
            Map.entry("POST /api/batches", ok(Access.roles("admin", "submitter"), "201")),
            Map.entry("GET /api/batches/{id}", ok(Access.roles("viewer", "submitter"), "200")),
            Map.entry("GET /api/events", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /api/jobs", ok(Access.roles("viewer", "submitter"), "200")),
            Map.entry("POST /api/jobs", ok(Access.roles("admin", "submitter"), "200", "201")),
            Map.entry("POST /api/jobs/batch", ok(Access.roles("admin", "submitter"), "201")),
            Map.entry("POST /api/jobs/bulk", ok(Access.roles("operator"), "200")),
            Map.entry("GET /api/jobs/dead-lettered", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /api/jobs/{id}", ok(Access.roles("viewer", "submitter"), "200")),
            Map.entry("DELETE /api/jobs/{id}", ok(Access.roles("operator"), "200")),
            Map.entry("POST /api/jobs/{id}/requeue", ok(Access.roles("operator"), List.of("200"), "409")),
            Map.entry("GET /api/me", ok(Access.roles("viewer", "submitter"), "200")),
            Map.entry("GET /api/job-types", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /api/job-types/{type}", ok(Access.roles("viewer"), "200")),
            Map.entry("PUT /api/job-types/{type}", ok(Access.roles("admin"), "200")),
            Map.entry("GET /api/queues", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /api/queues/{name}", ok(Access.roles("viewer"), "200")),
            Map.entry("POST /api/queues/{name}/pause", ok(Access.roles("operator"), "200")),
            Map.entry("POST /api/queues/{name}/resume", ok(Access.roles("operator"), "200")),
            Map.entry("GET /api/recurring-jobs", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /api/recurring-jobs/{id}", ok(Access.roles("viewer"), "200")),
            Map.entry("PUT /api/recurring-jobs/{id}", ok(Access.roles("admin"), "200", "201")),
            Map.entry("DELETE /api/recurring-jobs/{id}", ok(Access.roles("admin"), "204")),
            Map.entry("POST /api/recurring-jobs/{id}/trigger", ok(Access.roles("operator"), "201")),
            Map.entry("POST /api/reminders", ok(Access.user(), "201")),
            Map.entry("GET /api/reports", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /api/reports/{date}", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /api/servers", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /api/stats", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /api/stats/history", ok(Access.roles("viewer"), "200")),
            Map.entry("POST /api/users/register", ok(Access.ANONYMOUS, List.of("201"), "409")),
            Map.entry("GET /health", ok(Access.ANONYMOUS, "200", "503")),
            Map.entry("GET /metrics", ok(Access.roles("viewer"), "200")),
            Map.entry("GET /openapi", ok(Access.ANONYMOUS, "200")));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        addServlets(openAPI);
        openAPI.getComponents()
                .addSchema("Problem", problemSchema())
                .addSecurityScheme("basic", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecurityScheme("bearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").description("an access token of the demo application (POST /api/auth/login)"));
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            String key = method + " " + path;
            Answers answers = OPERATIONS.get(key);
            if (answers == null) {
                throw new IllegalStateException("OpenApiProblems.OPERATIONS does not describe " + key);
            }
            complete(operation, answers);
        }));
    }

    private static void complete(Operation operation, Answers answers) {
        APIResponses generated = operation.getResponses();
        APIResponse first = generated == null || generated.getAPIResponses() == null ? null
                : generated.getAPIResponses().values().stream().findFirst().orElse(null);
        APIResponses responses = OASFactory.createAPIResponses();
        for (String code : answers.success()) {
            APIResponse response = OASFactory.createAPIResponse().description(code.equals("201") ? "Created" : "OK");
            if (code.equals("204")) {
                response.description("No Content");
            } else if (first != null && first.getContent() != null) {
                response.content(first.getContent());
            }
            responses.addAPIResponse(code, response);
        }
        for (String code : errors(operation, answers)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description("a problem (RFC 9457)")
                    .content(OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("Problem")))));
        }
        operation.responses(responses);
        if (answers.access().scheme() != null) {
            operation.security(List.of(OASFactory.createSecurityRequirement()
                    .addScheme(answers.access().scheme(), answers.access().roles())));
        } else {
            operation.security(List.of(OASFactory.createSecurityRequirement()));
        }
    }

    /** The errors every operation of this shape may answer (docs/rest-api.md#errors, docs/security.md). */
    static TreeSet<String> errors(Operation operation, Answers answers) {
        TreeSet<String> codes = new TreeSet<>(answers.extraErrors());
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (operation.getRequestBody() != null) {
            codes.addAll(List.of("400", "413", "415", "422"));
        }
        if (!parameters.isEmpty()) {
            codes.add("400");
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            codes.add("404");
        }
        if (answers.access().scheme() != null) {
            codes.addAll(List.of("401", "403", "429"));
        }
        codes.add("503");
        return codes;
    }

    private static void addServlets(OpenAPI openAPI) {
        openAPI.getPaths()
                .addPathItem("/health", servlet("readiness: the database, the schema and the broker", "application/json"))
                .addPathItem("/metrics", servlet("Prometheus text (docs/monitoring.md)", "text/plain"))
                .addPathItem("/openapi", servlet("this document", "application/json"));
    }

    private static PathItem servlet(String summary, String mediaType) {
        Content content = OASFactory.createContent().addMediaType(mediaType, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().type(mediaType.equals("text/plain") ? Schema.SchemaType.STRING
                        : Schema.SchemaType.OBJECT)));
        Operation get = OASFactory.createOperation().summary(summary)
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("OK").content(content)));
        return OASFactory.createPathItem().GET(get);
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().type(Schema.SchemaType.STRING);
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", string).addProperty("title", string).addProperty("detail", string)
                .addProperty("field", string)
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
                .required(List.of("status", "title"));
    }
}
