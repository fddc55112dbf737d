package dev.errand.it.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.it.Api;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** The dashboard's Batches page in headless Chromium (docs/workflows.md, docs/dashboard.md). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BatchesBrowserIT {

    private final Api api = Api.admin();

    /**
     * The batch's jobs wait in a paused queue, so the page first shows it with nothing ended; once the queue is
     * resumed the bar moves to the end without a reload, and the counts and the callback's link match the API.
     */
    @Test
    void theProgressBarOfABatchMovesLiveToItsEndAndLinksItsCallback() {
        String queue = "dash-b-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/queues/" + queue + "/pause", "");
        Api.Response created = api.post("/api/batches", "{\"jobs\":["
                + "{\"type\":\"errand.noop\",\"queue\":\"" + queue + "\"},"
                + "{\"type\":\"errand.noop\",\"queue\":\"" + queue + "\"},"
                + "{\"type\":\"errand.fail\",\"queue\":\"" + queue + "\",\"maxAttempts\":1,\"args\":{\"failures\":1}}],"
                + "\"onComplete\":{\"type\":\"errand.batch-report\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long batch = created.json().getJsonNumber("id").longValue();
        String row = "tr[data-batch='" + batch + "']";

        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/#/batches");
            browser.awaitText(By.cssSelector(row), "0 / 3 (0 %)");
            assertThat(browser.read(By.cssSelector(row + " progress"), "value")).isEqualTo("0");

            api.post("/api/queues/" + queue + "/resume", "");

            browser.awaitText(By.cssSelector(row), "3 / 3 (100 %)");
            assertThat(browser.read(By.cssSelector(row + " progress"), "value")).isEqualTo("3");
            // the page counts the batch's jobs as they end; its callback follows when the batch sweep completes it
            long callback = awaitCompleted(batch).getJsonNumber("onCompleteJob").longValue();
            browser.awaitText(By.cssSelector(row + " td:nth-child(9)"), String.valueOf(callback));
            assertThat(browser.read(By.cssSelector(row + " td:nth-child(5)"), null)).isEqualTo("2");
            assertThat(browser.read(By.cssSelector(row + " td:nth-child(6)"), null)).isEqualTo("1");
            assertThat(browser.read(By.cssSelector(row + " td:nth-child(8)"), null)).isEqualTo("–");

            browser.click(By.cssSelector(row + " a[href='#/job/" + callback + "']"));
            browser.awaitText(By.id("view"), "errand.batch-report");
        } finally {
            api.post("/api/queues/" + queue + "/resume", "");
        }
    }

    private JsonObject awaitCompleted(long batch) {
        JsonObject[] last = new JsonObject[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = api.get("/api/batches/" + batch).json();
                    return last[0].getString("state").equals("COMPLETED");
                });
        return last[0];
    }
}
