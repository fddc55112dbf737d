package dev.errand.it.dashboard;

import dev.errand.it.Api;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium (Debian packages chromium + chromium-driver, installed by .ci/run), driven by
 * Selenium. An administrator's browser logs in the way a person can: the first page is opened as
 * {@code http://user:password@host/...}, and Chromium then answers the Basic challenges of that origin (fetch,
 * EventSource) from its credential cache. (Selenium's DevTools-based HasAuthentication intercepts every
 * response, which holds back the event stream.)
 * Public for docs/screenshots.sh ({@code dev.errand.docs.ConsoleScreenshots}), which drives the servers' own consoles.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("errand.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("errand.test.chromedriver", "/usr/bin/chromedriver");

    public final ChromeDriver driver;
    private final Path profile;
    private final String userInfo;

    private Browser(ChromeDriver driver, Path profile, String userInfo) {
        this.driver = driver;
        this.profile = profile;
        this.userInfo = userInfo;
    }

    public static Browser anonymous() {
        return start(null, null);
    }

    static Browser admin() {
        return start("admin", Api.ADMIN_PASSWORD);
    }

    /** Logged in as an account of Api.withRole (its password follows from its name). */
    static Browser as(String user) {
        return start(user, user + "-password-123");
    }

    private static Browser start(String user, String password) {
        Path profile;
        try {
            profile = Files.createTempDirectory("errand-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        String userInfo = user == null ? null
                : URLEncoder.encode(user, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return new Browser(driver, profile, userInfo);
    }

    void open(String path) {
        URI base = URI.create(Api.BASE_URL);
        driver.get(base.getScheme() + "://" + (userInfo == null ? "" : userInfo + "@") + base.getRawAuthority() + path);
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    WebElement await(By locator) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void awaitText(By locator, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** The text (attribute null) or an attribute of an element that a live page may redraw between finding and reading. */
    String read(By locator, String attribute) {
        return waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement found = d.findElement(locator);
            return attribute == null ? found.getText() : found.getAttribute(attribute);
        });
    }

    /** Clicks an element that a live page may redraw between finding and clicking. */
    void click(By locator) {
        waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    /** With -Derrand.screenshots=true, saves what the browser shows to docs/NAME.png (for README). */
    void screenshot(String name, int height) {
        if (!Boolean.getBoolean("errand.screenshots")) {
            return;
        }
        try {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, height));
            Path target = Path.of(System.getProperty("errand.docs.dir", "docs"), name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
