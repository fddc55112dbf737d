package dev.errand.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A server the build started in the background (server-config/background, docs/testing.md "How long the suite
 * takes"): the tests that need it wait here until its start script has ended, and fail with its output if it failed.
 */
public final class BackgroundStart {

    private static final String SCRIPT = "server-config/background";

    private BackgroundStart() {
    }

    /** Waits for the start kept in {@code dir}; its output goes to this JVM's output (the failsafe report). */
    public static void await(String dir) {
        try {
            Process await = new ProcessBuilder("bash", SCRIPT, "await", dir).redirectErrorStream(true).start();
            String output = new String(await.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(output);
            if (!await.waitFor(1, TimeUnit.MINUTES) || await.exitValue() != 0) {
                await.destroyForcibly();
                throw new IllegalStateException("the background start in " + dir + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
