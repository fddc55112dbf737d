package dev.errand.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code ERRAND_QUEUES}: which queues a server consumes and with how many workers each, e.g.
 * {@code mail:8,reports:2,*:4} (docs/run-control.md, "Worker shares"). Each share is a lane: an MDB of its own
 * (JobWorker for the default {@code *}, OtherQueuesWorker for {@code *} beside named shares, LaneWorker1..3 for the
 * named queues) whose destination, selector and sessions are system properties read when the WAR deploys
 * (WEB-INF/jboss-ejb3.xml on WildFly, WEB-INF/glassfish-ejb-jar.xml on Payara). The server's start runs {@link #main}
 * to turn the variable into those properties: WildFly's {@code bin/standalone.conf} (written by the build) as JVM
 * options, server-config/payara/payara.sh as the domain's system properties. The heartbeat reads them back
 * ({@link #inForce}), so it publishes what the MDBs really do.
 * <p>
 * Self-contained (JDK only): the build copies this class into {@code errand-lanes.jar} for the start scripts.
 */
public final class WorkerShares {

    /** Named lanes there are MDB classes for (LaneWorker1..3). */
    public static final int LANES = 3;
    /**
     * A share's workers at most: the MDB bean pool each lane gets (server-config/wildfly/errand.cli; on Payara
     * glassfish-ejb-jar.xml's bean-pool).
     */
    public static final int MAX_SHARE = 32;
    /** All shares together at most: today's workers, which the datasource (40) and JMS pools are sized for. */
    public static final int MAX_TOTAL = 32;
    /** The default: every queue, {@value} workers (JobWorker's maxSession). */
    public static final int DEFAULT_WORKERS = 32;

    static final String ALL = "*";
    /**
     * A lane's destination: the last part of its name on either server, which each descriptor completes
     * (java:global/errand/jms/jobs on WildFly, jms/errand.jobs on Payara), so both read the same values.
     */
    static final String JOBS = "jobs";
    static final String QUEUE_TYPE = "jakarta.jms.Queue";
    /** Where an unused lane listens: the control topic, through a selector no notice matches. */
    static final String IDLE = "control";
    static final String IDLE_TYPE = "jakarta.jms.Topic";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern SHARE = Pattern.compile("([^:]*):(\\d{1,9})");

    private final Map<String, Integer> shares;

    private WorkerShares(Map<String, Integer> shares) {
        this.shares = shares;
    }

    /** The default: {@code *} with {@value #DEFAULT_WORKERS} workers. */
    public static WorkerShares defaults() {
        return new WorkerShares(Map.of(ALL, DEFAULT_WORKERS));
    }

    /**
     * Parses {@code ERRAND_QUEUES}; blank or {@code null} is the default.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static WorkerShares parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return defaults();
        }
        Map<String, Integer> shares = new LinkedHashMap<>();
        int total = 0;
        for (String part : spec.split(",", -1)) {
            var share = SHARE.matcher(part.trim());
            if (!share.matches()) {
                throw bad(spec, "'" + part.trim() + "' is not QUEUE:WORKERS");
            }
            String name = share.group(1).trim();
            int workers = Integer.parseInt(share.group(2));
            if (!name.equals(ALL) && !NAME.matcher(name).matches()) {
                throw bad(spec, "'" + name + "' is neither * nor a queue name (1-100 letters, digits, '.', '_', '-')");
            }
            if (workers < 1 || workers > MAX_SHARE) {
                throw bad(spec, name + " has " + workers + " workers; a share has 1 to " + MAX_SHARE);
            }
            if (shares.put(name, workers) != null) {
                throw bad(spec, name + " is named twice");
            }
            total += workers;
        }
        if (shares.keySet().stream().filter(n -> !n.equals(ALL)).count() > LANES) {
            throw bad(spec, "at most " + LANES + " queues besides * can have shares of their own");
        }
        if (total > MAX_TOTAL) {
            throw bad(spec, "the shares add up to " + total + " workers; at most " + MAX_TOTAL);
        }
        return new WorkerShares(shares);
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("ERRAND_QUEUES=" + spec + ": " + why
                + " (e.g. mail:8,reports:2,*:4; docs/run-control.md)");
    }

    /** The named queues in order, then {@code *} if consumed; the heartbeat's {@code queues} is their text. */
    public Map<String, Integer> shares() {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        shares.forEach((name, n) -> {
            if (!name.equals(ALL)) {
                ordered.put(name, n);
            }
        });
        if (shares.containsKey(ALL)) {
            ordered.put(ALL, shares.get(ALL));
        }
        return ordered;
    }

    /** Worker sessions that consume jobs (idle lanes' single sessions do not). */
    public int workers() {
        return shares.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code *} for the default (as before shares existed), else {@code mail:8,reports:2,*:4}. */
    public String queues() {
        if (isDefault()) {
            return ALL;
        }
        List<String> parts = new ArrayList<>();
        shares().forEach((name, n) -> parts.add(name + ":" + n));
        return String.join(",", parts);
    }

    boolean isDefault() {
        return shares.equals(Map.of(ALL, DEFAULT_WORKERS));
    }

    private List<String> named() {
        return shares().keySet().stream().filter(n -> !n.equals(ALL)).toList();
    }

    /**
     * The system properties that set the lanes up (WEB-INF/jboss-ejb3.xml and glassfish-ejb-jar.xml read them), none
     * for the default. Values hold no blanks, quotes or {@code *}: they pass through standalone.sh's eval, Arquillian's
     * argument split and payara.sh.
     */
    public Map<String, String> systemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        if (isDefault()) {
            return props;
        }
        List<String> named = named();
        if (named.isEmpty()) {
            props.put("errand.lane.all.sessions", String.valueOf(shares.get(ALL)));
            return props;
        }
        // JobWorker (no selector) would take every queue: it idles, and OtherQueuesWorker takes * if shared
        props.put("errand.lane.all.destination", IDLE);
        props.put("errand.lane.all.destinationType", IDLE_TYPE);
        props.put("errand.lane.all.selector", "1=0");
        props.put("errand.lane.all.sessions", "1");
        if (shares.containsKey(ALL)) {
            props.put("errand.lane.other.destination", JOBS);
            props.put("errand.lane.other.destinationType", QUEUE_TYPE);
            props.put("errand.lane.other.match", "1=1");
            props.put("errand.lane.other.sessions", String.valueOf(shares.get(ALL)));
        }
        for (int lane = 1; lane <= named.size(); lane++) {
            String name = named.get(lane - 1);
            props.put("errand.lane." + lane + ".destination", JOBS);
            props.put("errand.lane." + lane + ".destinationType", QUEUE_TYPE);
            props.put("errand.lane." + lane + ".queue", name);
            props.put("errand.lane." + lane + ".sessions", String.valueOf(shares.get(name)));
        }
        return props;
    }

    /** {@link #systemProperties()} as JVM options, space-separated. */
    public String jvmOptions() {
        List<String> options = new ArrayList<>();
        systemProperties().forEach((k, v) -> options.add("-D" + k + "=" + v));
        return String.join(" ", options);
    }

    /** The shares the lanes were deployed with: read back from the system properties {@link #systemProperties} set. */
    public static WorkerShares inForce(Properties system) {
        Map<String, Integer> shares = new LinkedHashMap<>();
        for (int lane = 1; lane <= LANES; lane++) {
            String name = system.getProperty("errand.lane." + lane + ".queue");
            if (name != null && !name.isBlank()) {
                shares.put(name, sessions(system, "errand.lane." + lane + ".sessions", 1));
            }
        }
        if ("1=1".equals(system.getProperty("errand.lane.other.match"))) {
            shares.put(ALL, sessions(system, "errand.lane.other.sessions", 1));
        } else if (shares.isEmpty()) {
            shares.put(ALL, sessions(system, "errand.lane.all.sessions", DEFAULT_WORKERS));
        }
        return new WorkerShares(shares);
    }

    private static int sessions(Properties system, String key, int fallback) {
        try {
            return Integer.parseInt(system.getProperty(key, String.valueOf(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkerShares that && queues().equals(that.queues());
    }

    @Override
    public int hashCode() {
        return queues().hashCode();
    }

    @Override
    public String toString() {
        return queues();
    }

    /**
     * For the start script: prints the JVM options for {@code args[0]} (ERRAND_QUEUES), or the error and exits 2.
     */
    public static void main(String[] args) {
        try {
            System.out.println(parse(args.length > 0 ? args[0] : null).jvmOptions());
        } catch (IllegalArgumentException e) {
            System.err.println("errand: " + e.getMessage());
            System.exit(2);
        }
    }
}
