package dev.errand.job.engine;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureTraceTest {

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, className.substring(className.lastIndexOf('.') + 1) + ".java", 42);
    }

    /** {@code top} frames, then the handler, then the engine and ~{@code container} frames of the server. */
    private static StackTraceElement[] stack(List<StackTraceElement> top, int container) {
        List<StackTraceElement> frames = new ArrayList<>(top);
        frames.add(frame("com.example.mail.WelcomeEmail", "run"));
        frames.add(frame("dev.errand.job.engine.HandlerInvoker", "invoke"));
        frames.add(frame("org.jboss.weld.interceptor.proxy.InterceptorMethodHandler", "invoke"));
        for (int i = 0; i < container; i++) {
            frames.add(frame(i % 2 == 0 ? "org.jboss.weld.bean.proxy.CombinedInterceptor" + i
                    : "org.apache.activemq.artemis.core.client.impl.ClientConsumerImpl" + i, "call"));
        }
        return frames.toArray(StackTraceElement[]::new);
    }

    private static RuntimeException containerFailure() {
        IllegalStateException root = new IllegalStateException("connection refused");
        root.setStackTrace(stack(List.of(frame("org.eclipse.angus.mail.smtp.SMTPTransport", "openServer"),
                frame("jakarta.mail.Service", "connect")), 150));
        RuntimeException top = new RuntimeException("could not send the welcome e-mail", root);
        top.setStackTrace(stack(List.of(), 150));
        return top;
    }

    @Test
    void keepsTheWholeChainAndTheApplicationFrames() {
        String trace = FailureTrace.of(containerFailure());

        assertThat(trace).startsWith("java.lang.RuntimeException: could not send the welcome e-mail\n")
                .contains("\nCaused by: java.lang.IllegalStateException: connection refused\n")
                .contains("\tat com.example.mail.WelcomeEmail.run(WelcomeEmail.java:42)")
                .contains("\tat org.eclipse.angus.mail.smtp.SMTPTransport.openServer(SMTPTransport.java:42)")
                .contains("\tat dev.errand.job.engine.HandlerInvoker.invoke(HandlerInvoker.java:42)")
                .doesNotContain("ClientConsumerImpl")
                .containsPattern("\t\\.\\.\\. 1\\d\\d more");
        assertThat(trace.length()).isLessThan(2_000);
    }

    @Test
    void keepsTheTopFramesOfAnExceptionThrownInsideThePlatform() {
        NullPointerException npe = new NullPointerException("name");
        npe.setStackTrace(new StackTraceElement[] {frame("java.util.Objects", "requireNonNull"),
                frame("java.util.HashMap", "put"), frame("java.util.HashMap", "putVal"),
                frame("org.jboss.weld.Foo", "bar")});

        assertThat(FailureTrace.of(npe)).isEqualTo("java.lang.NullPointerException: name\n"
                + "\tat java.util.Objects.requireNonNull(Objects.java:42)\n"
                + "\tat java.util.HashMap.put(HashMap.java:42)\n"
                + "\t... 2 more");
    }

    @Test
    void staysWithinTheCapAndKeepsTheChainFirst() {
        List<StackTraceElement> recursion = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            recursion.add(frame("com.example.tree.Node", "visit" + i));
        }
        RuntimeException deep = new RuntimeException("stack overflow of the application's own", new IllegalArgumentException("x".repeat(2_000)));
        deep.setStackTrace(stack(recursion, 50));
        deep.getCause().setStackTrace(stack(List.of(), 10));

        String trace = FailureTrace.of(deep);

        assertThat(trace.length()).isLessThanOrEqualTo(FailureTrace.MAX_LENGTH);
        assertThat(trace).startsWith("java.lang.RuntimeException: stack overflow of the application's own\n")
                .contains("com.example.tree.Node.visit0")
                .endsWith("(cut at " + FailureTrace.MAX_LENGTH + " characters)");
    }

    @Test
    void aLongMessageIsShortenedAndACircularChainEnds() {
        RuntimeException a = new RuntimeException("y".repeat(5_000));
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        a.setStackTrace(new StackTraceElement[0]);
        b.setStackTrace(new StackTraceElement[0]);

        String trace = FailureTrace.of(a);

        assertThat(trace).contains("y".repeat(500) + "…\n").doesNotContain("y".repeat(501))
                .contains("Caused by: java.lang.RuntimeException: b")
                .endsWith("Caused by: [circular reference: java.lang.RuntimeException]");
    }

    @Test
    void realFramesOfTheJdkAndTheEngineAreNotTheApplications() {
        assertThat(FailureTrace.isApplicationFrame(frame("dev.errand.job.builtin.Fail", "run"))).isTrue();
        assertThat(FailureTrace.isApplicationFrame(frame("dev.errand.job.engine.JobExecutor", "run"))).isFalse();
        assertThat(FailureTrace.isApplicationFrame(frame("io.undertow.server.Connectors", "executeRootHandler"))).isFalse();
        assertThat(FailureTrace.isApplicationFrame(frame("com.arjuna.ats.jta.cdi.transactional.TransactionalInterceptorBase", "intercept"))).isFalse();
        assertThat(FailureTrace.isApplicationFrame(frame("dev.errand.job.builtin.Fail$Proxy$_$$_WeldClientProxy", "run"))).isFalse();
    }
}
