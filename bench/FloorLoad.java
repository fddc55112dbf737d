import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java bench/FloorLoad.java URL N CLIENTS PID}: CLIENTS threads POST a one-job body to URL (the bench WAR's
 * {@code /bench/floor}) with HTTP Basic as admin (ERRAND_ADMIN_PASSWORD) until N requests have gone out, and print the
 * requests per second and the server's CPU per request (utime + stime of PID, 100 ticks a second).
 */
public class FloorLoad {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java bench/FloorLoad.java URL N CLIENTS SERVER_PID (ERRAND_ADMIN_PASSWORD set)");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        String pid = args[3];
        String login = Base64.getEncoder().encodeToString(
                ("admin:" + System.getenv("ERRAND_ADMIN_PASSWORD")).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(url).header("Authorization", "Basic " + login)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"errand.noop\"}")).build();
        AtomicInteger left = new AtomicInteger(n);
        AtomicInteger errors = new AtomicInteger();
        long cpu0 = cpuMs(pid);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 204 && errors.incrementAndGet() <= 3) {
                            System.err.println("answered " + status);
                        }
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("failed: " + e);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("RESULT scenario=floor n=%d clients=%d errors=%d req_per_s=%.0f server_cpu_ms_per_req=%.3f%n",
                n, clients, errors.get(), n / seconds, (cpuMs(pid) - cpu0) / (double) n);
    }

    private static long cpuMs(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
