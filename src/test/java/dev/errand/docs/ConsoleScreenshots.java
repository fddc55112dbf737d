package dev.errand.docs;

import dev.errand.it.Api;
import dev.errand.it.dashboard.Browser;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.interactions.Actions;

import static org.awaitility.Awaitility.await;

/**
 * The README "Monitoring" screenshots, run by docs/screenshots.sh once it has started Errand on one server: puts jobs
 * of every outcome through Errand's API, waits until Errand counts them, then logs into the server's own console in
 * headless Chromium and saves what an operator sees there as docs/*.png.
 *
 * <pre>
 * java -cp target/test-classes:CLASSPATH -Derrand.test.baseUrl=http://127.0.0.1:8480 \
 *      -Derrand.shots.console=http://127.0.0.1:10390 -Derrand.shots.user=USER -Derrand.shots.passwordFile=FILE \
 *      [-Derrand.shots.broker=http://127.0.0.1:62017 -Derrand.shots.brokerPasswordFile=FILE] \
 *      dev.errand.docs.ConsoleScreenshots wildfly|payara
 * </pre>
 *
 * Errand's administrator password comes from ERRAND_ADMIN_PASSWORD, the console passwords from files: none of them
 * appears on a command line or in the output.
 */
public final class ConsoleScreenshots {

    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    private ConsoleScreenshots() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !List.of("wildfly", "payara").contains(args[0])) {
            throw new IllegalArgumentException("usage: ConsoleScreenshots wildfly|payara");
        }
        String adminPassword = System.getenv("ERRAND_ADMIN_PASSWORD");
        if (adminPassword == null || adminPassword.isEmpty()) {
            throw new IllegalStateException("ERRAND_ADMIN_PASSWORD must hold Errand's administrator password");
        }
        // read by Api when it is first used
        System.setProperty("errand.test.adminPassword", adminPassword);
        String console = required("errand.shots.console");
        String user = required("errand.shots.user");
        String password = Files.readString(Path.of(required("errand.shots.passwordFile"))).strip();

        List<Long> running = seed();
        try (Browser browser = Browser.anonymous()) {
            // exactly WIDTH x HEIGHT pixels whatever the window decorations of this Chromium build
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
            if (args[0].equals("wildfly")) {
                WildFlyConsole hal = new WildFlyConsole(browser, console);
                hal.logIn(user, password);
                hal.openJobsQueue();
                save(browser, "wildfly-console-errand-jobs");
                hal.openDatasource();
                save(browser, "wildfly-console-datasource");
            } else {
                PayaraConsole payara = new PayaraConsole(browser, console);
                payara.logIn(user, password);
                payara.openConnectorPoolStatistics();
                save(browser, "payara-console-monitoring");
                String broker = System.getProperty("errand.shots.broker", "");
                if (!broker.isEmpty()) {
                    ArtemisConsole artemis = new ArtemisConsole(browser, broker);
                    artemis.logIn(System.getProperty("errand.shots.brokerUser", "errand"),
                            Files.readString(Path.of(required("errand.shots.brokerPasswordFile"))).strip());
                    artemis.openQueues();
                    save(browser, "artemis-console-errand-jobs");
                }
            }
        } finally {
            // the long jobs stop when deleted, so the server can shut down without waiting for them
            Api admin = Api.admin();
            running.forEach(id -> admin.delete("/api/jobs/" + id));
        }
    }

    /**
     * 12 jobs that succeed, 3 that fail for good, 4 due in two hours and 3 that run for half an hour (so the
     * broker has messages being delivered), each state then shown by Errand; returns the ids of the long ones.
     */
    static List<Long> seed() {
        Api admin = Api.admin();
        for (int i = 0; i < 12; i++) {
            admin.enqueue("{\"type\":\"errand.noop\"}");
        }
        for (int i = 0; i < 3; i++) {
            admin.enqueue("{\"type\":\"errand.fail\",\"args\":{\"failures\":5,\"message\":\"planned failure\"},\"maxAttempts\":1}");
        }
        for (int i = 0; i < 4; i++) {
            admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT2H\"}");
        }
        List<Long> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":1800000}}"));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).alias("Errand's /api/stats")
                .until(() -> {
                    JsonObject stats = admin.get("/api/stats").json();
                    return stats.getInt("succeeded") >= 12 && stats.getInt("failed") >= 3
                            && stats.getInt("scheduled") >= 4 && stats.getInt("processing") >= 3;
                });
        System.out.println("screenshots: jobs in place: " + admin.get("/api/stats").body());
        return running;
    }

    /** Saves the viewport as docs/NAME.png (the mouse moved out of the way: no hover tooltips in the picture). */
    static void save(Browser browser, String name) {
        new Actions(browser.driver).moveToLocation(WIDTH - 1, HEIGHT - 1).perform();
        Path target = Path.of(System.getProperty("errand.docs.dir", "docs"), name + ".png");
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, browser.driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("screenshots: wrote " + target);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("-D" + property + " is required");
        }
        return value;
    }
}
