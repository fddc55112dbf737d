package dev.errand.docs;

import dev.errand.it.dashboard.Browser;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the console page objects share: the browser, the console's base URL, waits on page conditions. */
abstract class ConsolePage {

    final Browser browser;
    final String console;
    final WebDriverWait wait;

    ConsolePage(Browser browser, String console, Duration timeout) {
        this.browser = browser;
        this.console = console;
        this.wait = new WebDriverWait(browser.driver, timeout, Duration.ofMillis(100));
    }

    /** Opens the console's login page at PATH and submits its form, as a person types into it. */
    void submitLogin(String path, By userField, By passwordField, By submit, String user, String password) {
        browser.driver.get(console + path);
        wait.until(ExpectedConditions.visibilityOfElementLocated(userField)).sendKeys(user);
        browser.driver.findElement(passwordField).sendKeys(password);
        browser.driver.findElement(submit).click();
    }

    void click(By locator) {
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }
}
