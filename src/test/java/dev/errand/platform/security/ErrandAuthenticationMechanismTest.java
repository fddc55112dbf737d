package dev.errand.platform.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where passwords are (not) checked: the identity store (the slow hash) is counted. */
class ErrandAuthenticationMechanismTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final Map<String, Object> sent = new HashMap<>();
    private final ErrandAuthenticationMechanism mechanism = new ErrandAuthenticationMechanism();

    ErrandAuthenticationMechanismTest() {
        mechanism.identityStores = credential -> {
            checks.incrementAndGet();
            return CredentialValidationResult.INVALID_RESULT;
        };
        mechanism.throttle = new LoginThrottle(10, Duration.ofMinutes(1), System::nanoTime);
    }

    @Test
    void anAnonymousPathIgnoresCredentialsUnread() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(mechanism.validateRequest(request("admin:wrong"), response(), context(false)))
                    .isEqualTo(AuthenticationStatus.NOT_DONE);
        }
        assertThat(checks).hasValue(0);
        assertThat(sent).isEmpty();
    }

    @Test
    void aProtectedPathChecksThemAndTheEleventhFailureIsRefusedUnchecked() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(mechanism.validateRequest(request("admin:wrong" + i), response(), context(true)))
                    .isEqualTo(AuthenticationStatus.SEND_FAILURE);
            assertThat(sent).containsEntry("status", 401);
            sent.clear();
        }

        assertThat(mechanism.validateRequest(request("admin:wrong"), response(), context(true)))
                .isEqualTo(AuthenticationStatus.SEND_FAILURE);
        assertThat(sent).containsEntry("status", 429).containsKey("Retry-After");
        assertThat(checks).hasValue(10);
    }

    private static HttpServletRequest request(String basic) {
        String header = "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
        return proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? header : null;
            case "getRemoteAddr" -> "192.0.2.1";
            default -> null;
        });
    }

    private HttpServletResponse response() {
        return proxy(HttpServletResponse.class, (name, args) -> {
            switch (name) {
                case "setHeader", "addHeader" -> sent.put((String) args[0], args[1]);
                case "sendError" -> sent.put("status", args[0]);
                default -> { }
            }
            return null;
        });
    }

    private HttpMessageContext context(boolean protectedPath) {
        return proxy(HttpMessageContext.class, (name, args) -> switch (name) {
            case "isProtected" -> protectedPath;
            case "isAuthenticationRequest" -> false;
            case "doNothing" -> AuthenticationStatus.NOT_DONE;
            case "responseUnauthorized" -> {
                sent.put("status", 401);
                yield AuthenticationStatus.SEND_FAILURE;
            }
            case "notifyContainerAboutLogin" -> AuthenticationStatus.SUCCESS;
            default -> null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
