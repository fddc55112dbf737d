package dev.errand.job.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A failed attempt's exception as a reader of the job's history needs it: the whole cause chain (each cause's
 * class and message) with the application's frames and a couple around them; the container's frames (often
 * 10 KB of WildFly, Weld and Artemis per attempt) become "... N more". At most {@link #MAX_LENGTH} characters.
 */
public final class FailureTrace {

    static final int MAX_LENGTH = 4 * 1024;
    /** Frames kept on either side of an application frame, and at the top of each cause (where it was thrown). */
    static final int CONTEXT = 2;
    private static final int MAX_MESSAGE = 500;

    /**
     * Packages of the JDK, the servers (WildFly with Narayana, Weld, Undertow, Artemis; Payara with HK2 and
     * Hazelcast), EclipseLink, the JDBC driver and Errand's engine; every other frame is the application's.
     */
    private static final List<String> CONTAINER = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "org.jboss.", "org.wildfly.", "io.undertow.", "io.smallrye.", "com.arjuna.", "org.xnio.", "io.netty.",
            "org.apache.", "org.glassfish.", "fish.payara.", "org.jvnet.", "com.hazelcast.", "org.eclipse.",
            "org.postgresql.", "dev.errand.job.engine.");
    /** Weld's generated proxies carry the application's class names but are no code of it. */
    private static final String GENERATED_PROXY = "$Proxy$_$$_";

    private FailureTrace() {
    }

    public static String of(Throwable failure) {
        String full = render(failure, CONTEXT, true);
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        String lean = render(failure, 0, false); // the chain and the application's own frames only
        if (lean.length() <= MAX_LENGTH) {
            return lean;
        }
        String marker = "\n\t... (cut at " + MAX_LENGTH + " characters)";
        int cut = lean.lastIndexOf('\n', MAX_LENGTH - marker.length());
        return lean.substring(0, cut > 0 ? cut : MAX_LENGTH - marker.length()) + marker;
    }

    static boolean isApplicationFrame(StackTraceElement frame) {
        String name = frame.getClassName();
        return !name.contains(GENERATED_PROXY) && CONTAINER.stream().noneMatch(name::startsWith);
    }

    private static String render(Throwable failure, int context, boolean keepTop) {
        StringBuilder out = new StringBuilder(1024);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!seen.add(t)) {
                out.append("Caused by: [circular reference: ").append(t.getClass().getName()).append("]\n");
                break;
            }
            out.append(t == failure ? "" : "Caused by: ").append(headline(t)).append('\n');
            frames(out, t.getStackTrace(), context, keepTop);
        }
        return out.toString().stripTrailing();
    }

    private static String headline(Throwable t) {
        String message = t.getMessage();
        if (message == null) {
            return t.getClass().getName();
        }
        String shown = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
        return t.getClass().getName() + ": " + shown;
    }

    private static void frames(StringBuilder out, StackTraceElement[] frames, int context, boolean keepTop) {
        boolean[] keep = new boolean[frames.length];
        for (int i = 0; i < frames.length; i++) {
            if (isApplicationFrame(frames[i])) {
                for (int j = Math.max(0, i - context); j <= Math.min(frames.length - 1, i + context); j++) {
                    keep[j] = true;
                }
            } else if (keepTop && i < context) {
                keep[i] = true;
            }
        }
        int omitted = 0;
        for (int i = 0; i < frames.length; i++) {
            if (keep[i]) {
                elide(out, omitted);
                omitted = 0;
                out.append("\tat ").append(frames[i]).append('\n');
            } else {
                omitted++;
            }
        }
        elide(out, omitted);
    }

    private static void elide(StringBuilder out, int omitted) {
        if (omitted > 0) {
            out.append("\t... ").append(omitted).append(" more\n");
        }
    }
}
