package dev.errand.it.dashboard;

import dev.errand.it.Api;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The /jobs dashboard in a real headless Chromium: what an operator sees and does. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardBrowserIT {

    private final Api api = Api.admin();

    @Test
    void anAnonymousBrowserGetsNoJobData() {
        String secret = "secret-" + UUID.randomUUID();
        long id = api.enqueue("{\"type\":\"errand.fail\",\"args\":{\"failures\":0,\"message\":\"" + secret + "\"}}");

        try (Browser browser = Browser.anonymous()) {
            for (String path : new String[] {"/jobs/", "/jobs/#/job/" + id, "/api/jobs/" + id, "/api/events", "/jobs/app.js"}) {
                browser.open(path);
                String page = browser.driver.getPageSource();
                assertThat(page).as(path).doesNotContain(secret).doesNotContain("errand.fail").doesNotContain("EventSource");
                assertThat(browser.driver.findElements(By.cssSelector("nav[aria-label='Job pages']"))).as(path).isEmpty();
            }
        }
    }

    @Test
    void aJobEnqueuedThroughTheApiAppearsAndSucceedsWithoutAReload() {
        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/#/jobs/all");
            browser.await(By.cssSelector("#live[data-state='live']"));
            browser.await(By.cssSelector("table.jobs tbody tr"));
            browser.driver.executeScript("window.sameDocument = 'yes'");

            long id = api.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":1500}}");

            By state = By.cssSelector("tr[data-job='" + id + "'] .job-state");
            browser.await(state);
            browser.awaitText(state, "SUCCEEDED");
            assertThat(browser.driver.executeScript("return window.sameDocument")).isEqualTo("yes");
        }
    }

    @Test
    void aFailedJobShowsItsExceptionAndItsRequeueButtonWorks() {
        String message = "disk on fire " + UUID.randomUUID();
        long id = api.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1,\"message\":\""
                + message + "\"}}");
        api.awaitState(id, "FAILED");

        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/#/job/" + id);
            browser.awaitText(By.id("job-state"), "FAILED");
            String exception = browser.await(By.cssSelector("details.exception[open] pre")).getText();
            assertThat(exception).contains("java.lang.IllegalStateException: " + message)
                    .contains("dev.errand.job.builtin.Fail.run(Fail.java");
            assertThat(browser.driver.findElement(By.cssSelector("pre.json")).getText()).contains("\"failures\": 1");
            browser.screenshot("dashboard-failed-job", 1300);

            browser.await(By.id("requeue")).click();

            browser.awaitText(By.cssSelector(".timeline"), "requeued by admin");
            JsonObject job = api.job(id);
            assertThat(Api.states(job)).containsSubsequence("FAILED", "ENQUEUED");
            assertThat(job.getJsonArray("history").stream().map(e -> e.asJsonObject().getString("reason", "")))
                    .anyMatch(reason -> reason.startsWith("requeued by admin"));
        }
    }

    @Test
    void aRunningJobsPageShowsItsProgressAndLogMove() {
        long id = api.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":600000}}");
        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/#/job/" + id);
            browser.awaitText(By.id("job-state"), "PROCESSING");
            browser.awaitText(By.id("job-log"), "sleeping 600000 ms");
            double first = Double.parseDouble(read(browser, By.id("job-progress"), "value"));
            int firstLog = read(browser, By.id("job-log"), null).length();

            // no reload: the page follows the live feed. Whatever second of the sleep the page opened at, the bar and
            // the log must move on from what it first showed.
            await().atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                assertThat(Double.parseDouble(browser.await(By.id("job-progress")).getAttribute("value")))
                        .isGreaterThan(first);
                assertThat(browser.await(By.id("job-log")).getText()).contains("slept").hasSizeGreaterThan(firstLog);
            });
        } finally {
            api.delete("/api/jobs/" + id);
        }
    }

    /** An attribute (or, for null, the text) of an element the live feed may redraw between finding and reading it. */
    private static String read(Browser browser, By element, String attribute) {
        return await().atMost(Duration.ofSeconds(10)).ignoreException(StaleElementReferenceException.class).until(() -> {
            var found = browser.await(element);
            return attribute == null ? found.getText() : found.getAttribute(attribute);
        }, value -> value != null);
    }

    @Test
    void aViewerSeesJobsButNoActionButtons() {
        long id = api.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1}}");
        api.awaitState(id, "FAILED");
        String viewer = "vic-" + UUID.randomUUID().toString().substring(0, 8);
        Api.withRole(viewer, "viewer");

        try (Browser browser = Browser.as(viewer)) {
            browser.open("/jobs/#/job/" + id);
            browser.awaitText(By.id("job-state"), "FAILED");
            browser.awaitText(By.id("who"), viewer + " (viewer)");
            assertThat(browser.driver.findElements(By.cssSelector("#view button"))).isEmpty();

            browser.open("/jobs/#/jobs/failed");
            browser.await(By.cssSelector("tr[data-job='" + id + "']"));
            assertThat(browser.driver.findElements(By.cssSelector("[data-action], #requeue-all, #delete-all"))).isEmpty();
        }
        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/#/job/" + id);
            browser.await(By.id("requeue"));
            browser.await(By.id("delete"));
        }
    }

    @Test
    void theOverviewShowsCountsAndCharts() {
        long id = api.enqueue("{\"type\":\"errand.noop\"}");
        api.awaitState(id, "SUCCEEDED");

        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/");
            browser.await(By.cssSelector("#live[data-state='live']"));
            browser.waiting().until(d -> !d.findElement(By.id("count-succeeded")).getText().matches("[–0]"));
            browser.await(By.cssSelector("#live-chart"));
            assertThat(browser.driver.executeScript("return !!window.Chart")).as("Chart.js loaded from its webjar").isEqualTo(true);
            browser.awaitText(By.id("history-summary"), "succeeded");
            browser.awaitText(By.id("rate"), "per second");
            browser.screenshot("dashboard-overview", 1000);
        }
    }

    @Test
    void aRecurringJobCanBeTriggeredNow() {
        String name = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response put = api.put("/api/recurring-jobs/" + name, "{\"type\":\"errand.noop\",\"cron\":\"0 2 * * *\"}");
        assertThat(put.status() / 100).as(put.toString()).isEqualTo(2);

        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/#/recurring");
            By row = By.cssSelector("tr[data-recurring='" + name + "']");
            browser.awaitText(row, "every day at 02:00");
            browser.driver.findElement(By.cssSelector("button[data-trigger='" + name + "']")).click();
            String link = browser.await(By.id("triggered-job")).getText();
            long jobId = Long.parseLong(link.replace("job ", "").trim());
            assertThat(api.job(jobId).getString("type")).isEqualTo("errand.noop");
        } finally {
            api.delete("/api/recurring-jobs/" + name);
        }
    }

    @Test
    void theServersViewListsEachLiveNodeByItsNodeIdWithItsWorkers() {
        JsonObject server = api.get("/api/servers").array().stream().map(v -> v.asJsonObject())
                .filter(s -> s.getString("id").startsWith(s.getString("node") + "/")).findFirst().orElseThrow();

        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/#/servers");
            By row = By.cssSelector("tr[data-server='" + server.getString("id") + "']");
            browser.awaitText(row, server.getString("node"));
            assertThat(browser.read(row, null)).contains(server.getString("id")).contains("/ 32");
        }
    }
}
