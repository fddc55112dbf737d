package dev.errand.it.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.it.Api;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;

/** The dashboard's Queues and Job types pages in headless Chromium (docs/dashboard.md, docs/run-control.md). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RunControlBrowserIT {

    private final Api api = Api.admin();

    @Test
    void anOperatorPausesAndResumesAQueueAndAViewerSeesNoButtons() {
        String queue = "dash-q-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/queues/" + queue + "/pause", "");
        api.enqueue("{\"type\":\"errand.noop\",\"queue\":\"" + queue + "\"}");
        api.post("/api/queues/" + queue + "/resume", "");
        By row = By.cssSelector("tr[data-queue='" + queue + "']");

        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/#/queues");
            browser.awaitText(row, "running");
            click(browser, By.cssSelector("button[data-pause='" + queue + "']"));
            browser.await(By.cssSelector("tr[data-queue='" + queue + "'] td[data-paused='true']"));
            assertThat(api.get("/api/queues/" + queue).json().getBoolean("paused")).isTrue();

            click(browser, By.cssSelector("button[data-resume='" + queue + "']"));
            browser.await(By.cssSelector("tr[data-queue='" + queue + "'] td[data-paused='false']"));
            assertThat(api.get("/api/queues/" + queue).json().getBoolean("paused")).isFalse();
        }
        String viewer = "qv-" + UUID.randomUUID().toString().substring(0, 8);
        Api.withRole(viewer, "viewer");
        try (Browser browser = Browser.as(viewer)) {
            browser.open("/jobs/#/queues");
            browser.awaitText(row, queue);
            assertThat(browser.driver.findElements(By.cssSelector("#view button"))).isEmpty();
        }
    }

    /** The page reads the queues again every few seconds and redraws them when they changed. */
    private static void click(Browser browser, By button) {
        browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(button).click();
            return true;
        });
    }

    @Test
    void anAdminSetsATypesConcurrencyAndAViewerSeesNoEditButton() {
        By row = By.cssSelector("tr[data-type='errand.fail']");
        try (Browser browser = Browser.admin()) {
            browser.open("/jobs/#/job-types");
            browser.await(row);
            browser.driver.findElement(By.cssSelector("button[data-edit='errand.fail']")).click();
            browser.await(By.cssSelector("#edit input[name='concurrency']")).sendKeys("5");
            browser.driver.findElement(By.cssSelector("#edit button[type='submit']")).click();
            browser.awaitText(By.cssSelector("tr[data-type='errand.fail'] td[data-concurrency]"), "5");
            assertThat(api.get("/api/job-types/errand.fail").json().getInt("concurrency")).isEqualTo(5);
        } finally {
            api.put("/api/job-types/errand.fail", "{}");
        }
        String viewer = "tv-" + UUID.randomUUID().toString().substring(0, 8);
        Api.withRole(viewer, "viewer");
        try (Browser browser = Browser.as(viewer)) {
            browser.open("/jobs/#/job-types");
            browser.await(row);
            assertThat(browser.driver.findElements(By.cssSelector("#view button"))).isEmpty();
        }
    }
}
