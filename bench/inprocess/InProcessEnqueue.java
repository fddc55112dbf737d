package dev.errand.bench;

import dev.errand.job.Jobs;
import dev.errand.job.NewJob;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Bench only, never in the shipped WAR (bench/inprocess.sh adds it to a copy): {@code POST /bench/in-process?n=N&threads=T}
 * enqueues N no-op jobs through {@link Jobs#submit} from T threads inside the server, the in-process figure beside
 * db-scheduler's {@code schedule()} (docs/performance.md). Answers the id range and the enqueue time; the bench
 * client then waits for the jobs to finish, as in its other scenarios.
 */
@WebServlet("/bench/in-process")
@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
public class InProcessEnqueue extends HttpServlet {

    @Inject
    Jobs jobs;

    /** Threads with the application's context, as a caller's own worker threads would have. */
    @Resource
    ManagedThreadFactory threadFactory;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int n = Integer.parseInt(request.getParameter("n"));
        int threads = Integer.parseInt(request.getParameter("threads"));
        AtomicInteger next = new AtomicInteger();
        LongAccumulator min = new LongAccumulator(Math::min, Long.MAX_VALUE);
        LongAccumulator max = new LongAccumulator(Math::max, Long.MIN_VALUE);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = threadFactory.newThread(() -> {
                while (next.getAndIncrement() < n) {
                    try {
                        long id = jobs.submit(NewJob.of("errand.noop", "{}"));
                        min.accumulate(id);
                        max.accumulate(id);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        response.setContentType("application/json");
        response.getWriter().printf(java.util.Locale.ROOT, "{\"first\":%d,\"last\":%d,\"failed\":%d,\"enqueue_s\":%.3f}",
                min.get(), max.get(), failed.get(), seconds);
    }
}
