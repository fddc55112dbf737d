package dev.errand.docs;

import dev.errand.it.dashboard.Browser;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The standalone Artemis broker's web console (server-config/artemis/broker.sh): where Errand's queue is on Payara. */
final class ArtemisConsole extends ConsolePage {

    /** Columns of the queue table switched: shown by default but alike for all queues (off), statistics (on). */
    private static final List<String> COLUMNS_SWITCHED = List.of("id", "address", "routingType", "filter", "durable",
            "maxConsumers", "purgeOnNoConsumers", "messagesAdded", "deliveringCount", "scheduledCount");

    ArtemisConsole(Browser browser, String console) {
        super(browser, console, Duration.ofSeconds(60));
    }

    void logIn(String user, String password) {
        submitLogin("/console/login", By.id("pf-login-username-id"), By.id("pf-login-password-id"),
                By.cssSelector("button[type='submit']"), user, password);
    }

    /**
     * Artemis → Queues, with Manage Columns set to the message statistics: errand.jobs and errand.jobs.DLQ with
     * consumers, messages in the queue, added, being delivered and scheduled.
     */
    void openQueues() {
        click(By.xpath("//button[normalize-space(.)='Queues']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("table"), "errand.jobs"));
        click(By.xpath("//button[normalize-space(.)='Manage Columns']"));
        for (String column : COLUMNS_SWITCHED) {
            click(By.id("check-" + column));
        }
        click(By.id("columns-save-button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("thead"), "Scheduled Count"));
        // the navigation sidebar folded away: the table gets the width
        click(By.id("vertical-nav-toggle"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//a[normalize-space(.)='Artemis JMX']")));
    }
}
