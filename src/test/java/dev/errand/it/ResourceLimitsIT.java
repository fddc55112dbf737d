package dev.errand.it;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What anonymous or many callers can make the server spend: /health measures rarely, the live feed has a cap. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ResourceLimitsIT {

    private static final int MORE_THAN_THE_CAP = 150;

    @Test
    void healthAnswersManyCallersFromOneMeasurementEveryTwoSeconds() {
        Set<String> measurements = new HashSet<>();
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            Api.Response health = Api.anonymous().get("/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            measurements.add(health.json().getString("checkedAt"));
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        assertThat(measurements.size()).isLessThanOrEqualTo((int) (seconds / 2) + 2);
    }

    @Test
    void theLiveFeedRefusesListenersBeyondItsCap() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        HttpResponse<InputStream> refused = null;
        try {
            for (int i = 0; i < MORE_THAN_THE_CAP && refused == null; i++) {
                HttpResponse<InputStream> response = http.send(events(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 200) {
                    open.add(response);
                } else {
                    refused = response;
                }
            }
            assertThat(refused).as("a refusal within " + MORE_THAN_THE_CAP + " listeners").isNotNull();
            String body = new String(refused.body().readAllBytes(), StandardCharsets.UTF_8);
            assertProblem(new Api.Response(refused.statusCode(), refused.headers().map(), body), 503, null);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        } finally {
            for (HttpResponse<InputStream> response : open) {
                response.body().close();
            }
        }
        // Closed connections are noticed at the next write (within a second or two): then there is room again.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<InputStream> again = http.send(events(), HttpResponse.BodyHandlers.ofInputStream());
            again.body().close();
            return again.statusCode() == 200;
        });
    }

    private static HttpRequest events() {
        String basic = Base64.getEncoder().encodeToString(("admin:" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(Api.BASE_URL + "/api/events"))
                .header("Authorization", "Basic " + basic).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).build();
    }
}
