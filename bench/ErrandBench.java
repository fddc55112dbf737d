import java.io.IOException;
import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.regex.*;

/**
 * Errand benchmark: submits errand.noop jobs over the REST API and measures enqueue rate, end-to-end throughput,
 * backlog drain rate and enqueue-to-start latency. Completion is read from errand.job directly (JDBC): polling the
 * API for tens of thousands of jobs would load the server under test more than the jobs do. See bench/README.md.
 */
public final class ErrandBench {

    static final String NOOP = "{\"type\":\"errand.noop\"}";
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final String UNFINISHED = "state in ('ENQUEUED','SCHEDULED','PROCESSING')";
    static final long CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux: /proc/PID/stat counts CPU time in these
    static final int OK = 0, TIMEOUT = 1, REFUSED = 2, ERRORS = 3; // exit codes; ERRORS = finished, but not cleanly

    static final Set<String> OPTIONS = Set.of("url", "user", "password", "jdbc", "dbUser", "dbPassword", "serverPid",
            "timeout", "force", "help");
    static final String USAGE = """
            usage: java -cp postgresql.jar bench/ErrandBench.java SCENARIO [ARGS] [--OPTION=VALUE ...]
              latency [N=200]                 one client, N jobs 20-100 ms apart: POST -> started percentiles
              single  [N=10000] [CLIENTS=16]  POST /api/jobs, one job per request, from CLIENTS threads
              batch   [N=50000] [SIZE=1000]   POST /api/jobs/batch, SIZE jobs per request, 4 threads
              drain   [N=50000]               enqueue a backlog in batches, then time how fast it empties
              inprocess [N=10000] [THREADS=16] Jobs.submit from THREADS threads inside the server (needs the
                                              bench WAR of bench/inprocess.sh)
              all                             latency 200, single 10000 16, batch 50000 1000, drain 50000
            options (also -Dbench.NAME=VALUE, or the environment variable in brackets):
              --url=http://127.0.0.1:8080 [ERRAND_BENCH_URL]   --user=admin   password: [ERRAND_ADMIN_PASSWORD]
              --jdbc=jdbc:postgresql://127.0.0.1:5432/errand [ERRAND_BENCH_JDBC]   --dbUser=postgres [PGUSER]
              --serverPid=PID [ERRAND_SERVER_PID]   the server JVM, to report its CPU time per job
              --timeout=600   seconds per scenario  --force   start even though unfinished jobs exist
            exit: 0 clean, 1 timeout or crash, 2 usage or refused, 3 errors or failed jobs""";

    record Settings(String base, String user, String password, String jdbcUrl, String dbUser, String dbPassword,
                    Duration timeout, boolean force, Long serverPid) {

        /** Each setting comes from --name=value, else -Dbench.name, else an environment variable, else a default. */
        static Settings from(Map<String, String> opts) {
            String password = pick(opts, "password", "ERRAND_ADMIN_PASSWORD", "");
            if (password.isEmpty()) {
                throw new IllegalArgumentException("set ERRAND_ADMIN_PASSWORD (or -Dbench.password)");
            }
            String pid = pick(opts, "serverPid", "ERRAND_SERVER_PID", "").trim();
            return new Settings(pick(opts, "url", "ERRAND_BENCH_URL", "http://127.0.0.1:8080").replaceAll("/+$", ""),
                    pick(opts, "user", "ERRAND_BENCH_USER", "admin"), password,
                    pick(opts, "jdbc", "ERRAND_BENCH_JDBC", "jdbc:postgresql://127.0.0.1:5432/errand"),
                    pick(opts, "dbUser", "PGUSER", "postgres"), pick(opts, "dbPassword", "PGPASSWORD", ""),
                    Duration.ofSeconds(Long.parseLong(pick(opts, "timeout", null, "600"))),
                    Boolean.parseBoolean(pick(opts, "force", null, "false")), pid.isEmpty() ? null : Long.valueOf(pid));
        }

        private static String pick(Map<String, String> opts, String name, String env, String fallback) {
            String value = opts.getOrDefault(name, System.getProperty("bench." + name));
            value = value == null && env != null ? System.getenv(env) : value;
            return value != null ? value : fallback;
        }
    }

    /** How a run's jobs ended, once none of them is ENQUEUED/SCHEDULED/PROCESSING any more. */
    record Tally(long succeeded, long failed, Instant lastFinished) {
        long done() { return succeeded + failed; }
    }

    /** One scenario: its name, its job count and its body. */
    record Scenario(String name, int n, Body body) {}

    interface Body {
        void run(Run run) throws Exception;
    }

    @SuppressWarnings("serial")
    static final class TimedOut extends RuntimeException {
        TimedOut() { super("timeout", null, false, false); }
    }

    @SuppressWarnings("serial")
    static final class Refused extends RuntimeException {
        Refused(String message) { super(message); }
    }

    public static void main(String[] args) {
        List<String> p = new ArrayList<>();
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--")) p.add(arg);
            else opts.put(arg.substring(2, eq < 0 ? arg.length() : eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        if (p.isEmpty() || opts.containsKey("help")) {
            System.out.println(USAGE);
            System.exit(p.isEmpty() && !opts.containsKey("help") ? REFUSED : OK);
        }
        try {
            Set<String> unknown = new TreeSet<>(opts.keySet());
            unknown.removeAll(OPTIONS);
            if (!unknown.isEmpty()) throw new IllegalArgumentException("unknown options " + unknown + " (try --help)");
            List<Scenario> plan = plan(p);
            Settings settings = Settings.from(opts);
            int exit = OK;
            for (Scenario scenario : plan) {
                int code = execute(settings, scenario);
                exit = Math.max(exit, code);
                if (code == TIMEOUT || code == REFUSED) {
                    break; // jobs left behind would make the next scenario refuse to start anyway
                }
            }
            System.exit(exit);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(REFUSED);
        }
    }

    /** The scenarios that the positional arguments ask for, in order. */
    static List<Scenario> plan(List<String> p) {
        int maxArgs = switch (p.get(0)) { case "single", "batch", "inprocess" -> 3; case "all" -> 1; default -> 2; };
        if (p.size() > maxArgs) throw new IllegalArgumentException("unexpected " + p.subList(maxArgs, p.size()));
        return switch (p.get(0)) {
            case "single" -> { int n = arg(p, 1, 10_000), clients = arg(p, 2, 16);
                yield List.of(new Scenario("single", n, r -> r.single(n, clients))); }
            case "batch" -> { int n = arg(p, 1, 50_000), size = arg(p, 2, 1000);
                yield List.of(new Scenario("batch", n, r -> r.batch(n, size))); }
            case "drain" -> { int n = arg(p, 1, 50_000);
                yield List.of(new Scenario("drain", n, r -> r.drain(n))); }
            case "inprocess" -> { int n = arg(p, 1, 10_000), threads = arg(p, 2, 16);
                yield List.of(new Scenario("inprocess", n, r -> r.inProcess(n, threads))); }
            case "latency" -> { int n = arg(p, 1, 200);
                yield List.of(new Scenario("latency", n, r -> r.latency(n))); }
            case "all" -> List.of(new Scenario("latency", 200, r -> r.latency(200)),
                    new Scenario("single", 10_000, r -> r.single(10_000, 16)),
                    new Scenario("batch", 50_000, r -> r.batch(50_000, 1000)),
                    new Scenario("drain", 50_000, r -> r.drain(50_000)));
            default -> throw new IllegalArgumentException("unknown scenario '" + p.get(0) + "' (try --help)");
        };
    }

    static int arg(List<String> positional, int index, int fallback) {
        int value = positional.size() > index ? Integer.parseInt(positional.get(index)) : fallback;
        if (value < 1) throw new IllegalArgumentException("counts must be positive: " + value);
        return value;
    }

    static int execute(Settings settings, Scenario scenario) {
        try (Run run = new Run(settings, scenario)) {
            int exit;
            try {
                run.prepare();
                scenario.body().run(run);
                exit = run.errors.sum() == 0 && run.failed == 0 ? OK : ERRORS;
            } catch (Refused e) {
                System.err.println("bench " + scenario.name() + ": refused: " + e.getMessage());
                return REFUSED;
            } catch (TimedOut e) {
                run.fields.put("timeout", "1");
                run.human = scenario.name() + ": TIMEOUT after " + settings.timeout().toSeconds() + " s, "
                        + run.partial();
                exit = TIMEOUT;
            } catch (Exception e) {
                run.fields.put("crashed", "1");
                run.human = scenario.name() + ": CRASHED: " + e;
                exit = TIMEOUT;
            }
            run.report();
            return exit;
        }
    }

    /** One scenario's execution: its clients, its deadline, the ids of its jobs and the fields it reports. */
    static final class Run implements AutoCloseable {
        final Settings s;
        final String name;
        final Instant deadline;
        final Map<String, String> fields = new LinkedHashMap<>();
        String human;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        final String auth;
        Connection db;
        // The ids the server gave this run's jobs: their range selects the run's own rows in errand.job.
        final LongAccumulator minId = new LongAccumulator(Math::min, Long.MAX_VALUE);
        final LongAccumulator maxId = new LongAccumulator(Math::max, Long.MIN_VALUE);
        final LongAdder accepted = new LongAdder(), errors = new LongAdder();
        final AtomicInteger errorsShown = new AtomicInteger();
        final Map<Integer, String> batchBodies = new ConcurrentHashMap<>();
        Long cpuTicksAtStart;
        long failed;

        Run(Settings s, Scenario scenario) {
            this.s = s;
            this.name = scenario.name();
            this.deadline = Instant.now().plus(s.timeout());
            this.auth = "Basic " + Base64.getEncoder()
                    .encodeToString((s.user() + ":" + s.password()).getBytes(StandardCharsets.UTF_8));
            fields.put("scenario", name);
            fields.put("n", String.valueOf(scenario.n()));
            for (String key : List.of("enqueue_per_s", "e2e_per_s", "p50_ms", "p99_ms")) {
                fields.put(key, "-"); // fixed leading columns; each scenario fills those it measures
            }
        }

        void prepare() throws Exception {
            waitHealthy();
            db = DriverManager.getConnection(s.jdbcUrl(), s.dbUser(), s.dbPassword());
            try (PreparedStatement st = db.prepareStatement("select count(*) from errand.job where " + UNFINISHED)) {
                long unfinished = count(st);
                if (unfinished > 0 && !s.force()) {
                    throw new Refused(unfinished + " unfinished jobs (ENQUEUED/SCHEDULED/PROCESSING) from earlier "
                            + "runs would compete for the workers; wait for them or pass --force");
                }
            }
            cpuTicksAtStart = cpuTicks();
        }

        // ---- scenarios -------------------------------------------------------------------------------------

        void single(int n, int clients) throws Exception {
            fields.put("clients", String.valueOf(clients));
            Instant start = Instant.now();
            AtomicInteger claimed = new AtomicInteger();
            double enqueueS = inParallel(clients, () -> {
                while (claimed.getAndIncrement() < n && !pastDeadline()) submit("/api/jobs", NOOP, 1);
            });
            throughput("single: " + accepted.sum() + " jobs from " + clients + " clients",
                    enqueueS, endToEnd(start, waitFinished()));
        }

        /**
         * Jobs enqueued through the Java API by threads inside the server (bench/inprocess.sh's servlet, on a server
         * that deploys the bench's WAR), the figure beside db-scheduler's in-process {@code schedule()}.
         */
        void inProcess(int n, int threads) throws Exception {
            fields.put("threads", String.valueOf(threads));
            Instant start = Instant.now();
            HttpRequest request = HttpRequest.newBuilder(URI.create(s.base() + "/bench/in-process?n=" + n + "&threads=" + threads))
                    .timeout(Duration.ofSeconds(Math.max(1, secondsLeft()))).header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/bench/in-process -> " + response.statusCode()
                        + " (does the server deploy bench/inprocess.sh's WAR?) " + response.body());
            }
            Matcher m = Pattern.compile("\\{\"first\":(-?\\d+),\"last\":(-?\\d+),\"failed\":(\\d+),\"enqueue_s\":([\\d.]+)}")
                    .matcher(response.body());
            if (!m.find()) throw new IllegalStateException("unexpected answer " + response.body());
            minId.accumulate(Long.parseLong(m.group(1)));
            maxId.accumulate(Long.parseLong(m.group(2)));
            int failed = Integer.parseInt(m.group(3));
            for (int i = 0; i < failed; i++) errors.increment();
            accepted.add(n - failed);
            throughput("inprocess: " + accepted.sum() + " jobs from " + threads + " threads in the server",
                    Double.parseDouble(m.group(4)), endToEnd(start, waitFinished()));
        }

        void batch(int n, int size) throws Exception {
            fields.put("size", String.valueOf(size));
            Instant start = Instant.now();
            double enqueueS = enqueueBatches(n, size, 4);
            throughput("batch: " + accepted.sum() + " jobs in batches of " + size + " from 4 clients",
                    enqueueS, endToEnd(start, waitFinished()));
        }

        void drain(int n) throws Exception {
            // Like the peers' drain: with ERRAND_BENCH_PAUSE_CMD/_RESUME_CMD the workers are stopped while the
            // backlog is built and started when it is complete, so the drain starts from a full queue.
            hook("bench.pauseCmd", "ERRAND_BENCH_PAUSE_CMD");
            Instant start = Instant.now();
            double enqueueS = enqueueBatches(n, 1000, 4);
            hook("bench.resumeCmd", "ERRAND_BENCH_RESUME_CMD");
            Instant enqueued = Instant.now();
            long doneEarly = tally().done(); // what the workers finished while the backlog was still being built
            Tally end = waitFinished();
            endToEnd(start, end);
            long backlog = accepted.sum() - doneEarly;
            double drainS = seconds(enqueued, end.lastFinished() != null ? end.lastFinished() : Instant.now());
            fields.put("enqueue_per_s", num(accepted.sum() / enqueueS));
            fields.put("done_at_enqueue_end", String.valueOf(doneEarly));
            fields.put("drain_s", num(drainS));
            fields.put("drain_per_s", backlog > 0 && drainS > 0 ? num(backlog / drainS) : "-");
            human = String.format(Locale.ROOT, "drain: %d jobs enqueued in %.2f s (%.1f jobs/s), %d of them already "
                    + "done then; the other %d drained in %.2f s = %s jobs/s", accepted.sum(), enqueueS,
                    accepted.sum() / enqueueS, doneEarly, backlog, drainS, fields.get("drain_per_s"));
        }

        private static void hook(String property, String env) throws Exception {
            String command = System.getProperty(property, System.getenv(env));
            if (command != null && !command.isBlank()) {
                int rc = new ProcessBuilder("bash", "-c", command).inheritIO().start().waitFor();
                if (rc != 0) {
                    throw new IllegalStateException(env + " failed with exit code " + rc + ": " + command);
                }
            }
        }

        void latency(int n) throws Exception {
            Random random = new Random();
            Map<Long, Instant> sentAt = new HashMap<>();
            for (int i = 0; i < n; i++) {
                checkDeadline();
                Thread.sleep(20 + random.nextInt(81)); // spaced out so that each job meets idle workers
                Instant before = Instant.now();
                long id = submit("/api/jobs", NOOP, 1);
                if (id >= 0) sentAt.put(id, before);
            }
            waitFinished();
            List<Double> client = new ArrayList<>(), server = new ArrayList<>();
            try (PreparedStatement st = db.prepareStatement(
                    "select id, created_at, started_at from errand.job where id = any(?)")) {
                st.setArray(1, db.createArrayOf("bigint", sentAt.keySet().toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Instant created = instant(rs, 2), started = instant(rs, 3);
                        if (started == null) continue; // deleted before it ran: no latency to speak of
                        client.add(millis(sentAt.get(rs.getLong(1)), started));
                        server.add(millis(created, started));
                    }
                }
            }
            double[] c = percentiles(client), v = percentiles(server);
            String[] keys = {"p50_ms", "p90_ms", "p99_ms", "max_ms"};
            for (int i = 0; i < keys.length; i++) fields.put(keys[i], num(c[i]));
            for (int i = 0; i < keys.length; i++) fields.put("server_" + keys[i], num(v[i]));
            human = String.format(Locale.ROOT, "latency: %d jobs, POST -> started p50 %.1f / p90 %.1f / p99 %.1f / "
                    + "max %.1f ms; server-side created -> started p50 %.1f / p90 %.1f / p99 %.1f / max %.1f ms",
                    client.size(), c[0], c[1], c[2], c[3], v[0], v[1], v[2], v[3]);
        }

        void throughput(String what, double enqueueS, double e2eS) {
            long jobs = accepted.sum();
            fields.put("enqueue_per_s", num(jobs / enqueueS));
            human = String.format(Locale.ROOT, "%s: enqueue %.1f jobs/s (%.2f s), end-to-end %.1f jobs/s (%.2f s)",
                    what, jobs / enqueueS, enqueueS, jobs / e2eS, e2eS);
        }

        // ---- submitting ------------------------------------------------------------------------------------

        /** Sends n jobs in batches of size from the given number of threads; returns the enqueue time in seconds. */
        double enqueueBatches(int n, int size, int clients) throws Exception {
            int batches = (n + size - 1) / size;
            AtomicInteger next = new AtomicInteger();
            return inParallel(clients, () -> {
                for (int b; (b = next.getAndIncrement()) < batches && !pastDeadline(); ) {
                    int count = Math.min(size, n - b * size);
                    submit("/api/jobs/batch", batchBodies.computeIfAbsent(count,
                            c -> "[" + String.join(",", Collections.nCopies(c, NOOP)) + "]"), count);
                }
            });
        }

        /** POSTs one request; records the ids it created, counts a non-201 as an error; returns the first id. */
        long submit(String path, String json, int expectedJobs) throws InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(s.base() + path))
                    .timeout(Duration.ofSeconds(Math.max(1, Math.min(120, secondsLeft()))))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    return error(path + " -> " + response.statusCode() + " " + response.body());
                }
                long first = -1;
                int found = 0;
                for (Matcher m = ID.matcher(response.body()); m.find(); found++) {
                    long id = Long.parseLong(m.group(1));
                    first = first < 0 ? id : first;
                    minId.accumulate(id);
                    maxId.accumulate(id);
                }
                accepted.add(found);
                return found == expectedJobs ? first : error(path + ": " + found + " ids for " + expectedJobs);
            } catch (IOException e) {
                return error(path + ": " + e);
            }
        }

        long error(String message) {
            errors.increment();
            if (errorsShown.incrementAndGet() <= 5) { // enough to diagnose, without flooding the console
                System.err.println("bench " + name + ": " + message.substring(0, Math.min(300, message.length())));
            }
            return -1;
        }

        interface Work {
            void run() throws Exception;
        }

        /** Runs the same work on the given number of threads; returns the wall time in seconds. */
        double inParallel(int threads, Work work) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            try {
                List<Future<Object>> futures = pool.invokeAll(Collections.nCopies(threads, () -> {
                    work.run();
                    return null;
                }));
                for (Future<Object> f : futures) f.get();
            } finally {
                pool.shutdownNow();
            }
            checkDeadline(); // workers stop quietly at the deadline; it is reported from here
            return (System.nanoTime() - t0) / 1e9;
        }

        void waitHealthy() throws InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(s.base() + "/health"))
                    .timeout(Duration.ofSeconds(10)).build();
            for (boolean told = false; ; Thread.sleep(500)) {
                checkDeadline();
                try {
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().matches("(?s).*\"status\"\\s*:\\s*\"UP\".*")) return;
                } catch (IOException e) {
                    // not listening yet
                }
                if (!told) System.err.println("bench: waiting for " + s.base() + "/health to report UP");
                told = true;
            }
        }

        // ---- reading the database --------------------------------------------------------------------------

        /**
         * Polls every 100 ms until none of the run's jobs is unfinished. Counting the unfinished ones (partial index
         * job_unfinished) costs less than counting the SUCCEEDED ones, and less still as the run nears its end.
         * Every submission has returned by now, so all of the run's rows are committed and visible.
         */
        Tally waitFinished() throws Exception {
            if (accepted.sum() == 0) return new Tally(0, 0, null);
            try (PreparedStatement st = db.prepareStatement(
                    "select count(*) from errand.job where " + UNFINISHED + " and id between ? and ?")) {
                bindRange(st);
                // The poll's own cost grows with the backlog (a count over a million unfinished rows is not free):
                // it waits ten times as long as the count took, at least 100 ms, so it never loads the database.
                for (long t0 = System.nanoTime(); count(st) > 0; t0 = System.nanoTime()) {
                    checkDeadline();
                    Thread.sleep(Math.max(100, (System.nanoTime() - t0) / 100_000));
                }
            }
            Tally t = tally();
            if (t.done() != accepted.sum()) {
                System.err.printf("bench %s: warning: the run's id range holds %d finished jobs, but it created %d; "
                        + "did another client submit meanwhile?%n", name, t.done(), accepted.sum());
            }
            failed = t.failed();
            return t;
        }

        Tally tally() throws SQLException {
            try (PreparedStatement st = db.prepareStatement("select count(*) filter (where state = 'SUCCEEDED'), "
                    + "count(*) filter (where state in ('FAILED','DELETED')), max(finished_at) "
                    + "from errand.job where id between ? and ?")) {
                bindRange(st);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new Tally(rs.getLong(1), rs.getLong(2), instant(rs, 3));
                }
            }
        }

        /**
         * The run ends at its last job's finished_at (stamped by the server with this machine's clock), so the 100 ms
         * polling interval does not blur the figure. Returns the end-to-end time in seconds.
         */
        double endToEnd(Instant start, Tally t) {
            double e2eS = seconds(start, t.lastFinished() != null ? t.lastFinished() : Instant.now());
            fields.put("e2e_per_s", num(accepted.sum() / e2eS));
            fields.put("e2e_s", num(e2eS));
            return e2eS;
        }

        void bindRange(PreparedStatement st) throws SQLException {
            st.setLong(1, minId.get());
            st.setLong(2, maxId.get());
        }

        // ---- reporting -------------------------------------------------------------------------------------

        /** What a timed-out run got done, read best-effort. */
        String partial() {
            try {
                long done = db != null && accepted.sum() > 0 ? tally().done() : 0;
                fields.put("done", String.valueOf(done));
                return accepted.sum() + " jobs accepted, " + done + " finished";
            } catch (SQLException e) {
                return accepted.sum() + " jobs accepted";
            }
        }

        void report() {
            fields.put("accepted", String.valueOf(accepted.sum()));
            fields.put("errors", String.valueOf(errors.sum()));
            fields.put("failed", String.valueOf(failed));
            Long ticks = cpuTicks();
            if (ticks != null && cpuTicksAtStart != null) {
                double cpuMs = (ticks - cpuTicksAtStart) * 1000.0 / CLOCK_TICKS_PER_S;
                fields.put("server_cpu_ms", num(cpuMs));
                fields.put("server_cpu_ms_per_job", accepted.sum() > 0 ? num(cpuMs / accepted.sum()) : "-");
                human += String.format(Locale.ROOT, "; server CPU %.0f ms = %s ms/job", cpuMs,
                        fields.get("server_cpu_ms_per_job"));
            }
            fields.putIfAbsent("timeout", "0");
            StringBuilder line = new StringBuilder("RESULT");
            fields.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            System.out.println(human + "; " + errors.sum() + " errors, " + failed + " failed");
            System.out.println(line);
        }

        /** The server JVM's user + system CPU time in clock ticks, or null without a readable PID. */
        Long cpuTicks() {
            if (s.serverPid() == null) return null;
            try {
                String stat = Files.readString(Path.of("/proc", s.serverPid().toString(), "stat"));
                // The fields after "(comm)", which may itself hold spaces: state is field 3, utime 14, stime 15.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
            } catch (IOException | RuntimeException e) {
                System.err.println("bench: cannot read the CPU time of PID " + s.serverPid() + ": " + e.getMessage());
                return null;
            }
        }

        boolean pastDeadline() {
            return Instant.now().isAfter(deadline);
        }

        void checkDeadline() {
            if (pastDeadline()) throw new TimedOut();
        }

        long secondsLeft() {
            return Duration.between(Instant.now(), deadline).toSeconds();
        }

        @Override
        public void close() {
            try {
                if (db != null) db.close();
            } catch (SQLException e) {
                // the scenario is over; nothing is left to protect
            }
        }
    }

    static long count(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** p50, p90, p99 and max by nearest rank; NaN without samples. */
    static double[] percentiles(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] ranks = {0.50, 0.90, 0.99, 1.0}, out = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            int rank = (int) Math.ceil(ranks[i] * sorted.length); // 1-based
            out[i] = sorted.length == 0 ? Double.NaN : sorted[Math.max(0, rank - 1)];
        }
        return out;
    }

    static String num(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "-";
    }
}
