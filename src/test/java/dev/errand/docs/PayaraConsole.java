package dev.errand.docs;

import dev.errand.it.dashboard.Browser;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Payara's administration console: Monitoring Data, as an operator clicks through it. */
final class PayaraConsole extends ConsolePage {

    /** The entry of the navigation tree (the console's home page has a button of the same name). */
    private static final By MONITORING_DATA = By.xpath("//div[contains(@class, 'TreeContent')]/a[normalize-space(.)='Monitoring Data']");

    PayaraConsole(Browser browser, String console) {
        // the first request after a domain start deploys the console itself (a "starting" page that reloads)
        super(browser, console, Duration.ofMinutes(3));
    }

    void logIn(String user, String password) {
        submitLogin("/", By.id("Login.username"), By.id("Login.password"), By.id("loginButton"), user, password);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("Masthead:utilityBar:logoutLink")));
        showTree();
    }

    /**
     * Monitoring Data → server: Resources → ErrandJmsPool: the connector connection pool behind
     * jms/ErrandConnectionFactory, through which Errand sends its job messages to the Artemis broker.
     */
    void openConnectorPoolStatistics() {
        click(MONITORING_DATA);
        click(By.cssSelector("a[href*='serverInstMonitoringResourcesPage.jsf']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("propertyForm"),
                "Connector Connection Pool Statistics : ErrandJmsPool"));
        // the statistics at the top of the content pane, below the console's banner (which stays in place: only the
        // pane scrolls, not the page)
        browser.driver.executeScript("var e = arguments[0], p = e.parentElement;"
                + "while (p && !(p.scrollHeight > p.clientHeight && /auto|scroll/.test(getComputedStyle(p).overflowY))) {"
                + "  p = p.parentElement; }"
                + "p.scrollTop += e.getBoundingClientRect().top - p.getBoundingClientRect().top;",
                browser.driver.findElement(By.xpath("//*[normalize-space(text())='Resource :']")));
    }

    /**
     * The navigation tree shown, "Monitoring Data" highlighted in it. (The console keeps the tree's folded state as a
     * Java preference of the OS user, ~/.java/.userPrefs/glassfish/layout, shared by every domain.)
     */
    private void showTree() {
        By expand = By.cssSelector(".yui-layout-clip-left div.collapse");
        browser.driver.findElements(expand).stream().filter(e -> e.isDisplayed()).findFirst().ifPresent(e -> {
            e.click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(expand));
        });
    }
}
