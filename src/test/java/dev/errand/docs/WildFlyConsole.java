package dev.errand.docs;

import dev.errand.it.dashboard.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** WildFly's management console (HAL): Runtime, as an operator clicks through it. */
final class WildFlyConsole extends ConsolePage {

    WildFlyConsole(Browser browser, String console) {
        super(browser, console, Duration.ofSeconds(60));
    }

    /**
     * The management interface asks for HTTP Digest. Chromium answers the first challenge with the user info of the
     * URL it opens and keeps the credentials for the origin, so the console's own requests are answered the same way.
     */
    void logIn(String user, String password) {
        URI uri = URI.create(console);
        String userInfo = URLEncoder.encode(user, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        browser.driver.get(uri.getScheme() + "://" + userInfo + "@" + uri.getRawAuthority() + "/management");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "product-name"));
        browser.driver.get(console + "/console/index.html#runtime");
        // the user menu names who is logged in
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), user));
    }

    /** Runtime → localhost → Messaging → Server → default → errand.jobs: the queue's statistics in the preview. */
    void openJobsQueue() {
        click(By.id("standalone-host-localhost"));
        click(By.id("messaging-activemq"));
        click(By.id("server-item-runtime"));
        click(By.id("msgs-default"));
        click(By.id("default-jms-queue-errandjobs"));
        awaitPreview("Messages Added");
        // the statistics are the last section of the preview: scrolled into view below the queue's attributes
        browser.driver.executeScript("var p = document.getElementById('hal-finder-preview'); p.scrollTop = p.scrollHeight;");
    }

    /** Runtime → localhost → Datasources → ErrandDS: the pool and prepared-statement cache statistics. */
    void openDatasource() {
        browser.driver.get(console + "/console/index.html#runtime");
        click(By.id("standalone-host-localhost"));
        click(By.id("datasources"));
        click(By.id("non-xa-dsr-errandds"));
        awaitPreview("Connection Pool");
    }

    private void awaitPreview(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hal-finder-preview"), text));
    }
}
