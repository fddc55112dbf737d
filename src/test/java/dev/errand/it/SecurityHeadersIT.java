package dev.errand.it;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The browser-side defences on the dashboard, the API and its errors (issue 14, point 5). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityHeadersIT {

    @Test
    void theDashboardMayNotBeFramedNorRunForeignOrInlineCode() {
        Api.Response page = Api.admin().get("/jobs/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertSecurityHeaders(page);
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertSecurityHeaders(Api.admin().get("/jobs/app.js"));
    }

    @Test
    void jsonAnswersCarryThemToo() {
        Api.Response jobs = Api.admin().get("/api/jobs");
        assertThat(jobs.status()).isEqualTo(200);
        assertSecurityHeaders(jobs);
        assertSecurityHeaders(Api.anonymous().get("/health"));
    }

    @Test
    void soDoProblemDocuments() {
        Api.Response notFound = Api.admin().get("/api/jobs/987654321987");
        assertProblem(notFound, 404, null);
        assertSecurityHeaders(notFound);

        // the container's own refusal, rendered by the error page
        Api.Response anonymous = Api.anonymous().get("/api/jobs");
        assertProblem(anonymous, 401, null);
        assertSecurityHeaders(anonymous);
        Api.Response dashboard = Api.anonymous().get("/jobs/");
        assertProblem(dashboard, 401, null);
        assertSecurityHeaders(dashboard);
    }

    private static void assertSecurityHeaders(Api.Response response) {
        assertThat(response.header("Content-Security-Policy")).as("CSP").contains("frame-ancestors 'none'");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("same-origin");
    }
}
