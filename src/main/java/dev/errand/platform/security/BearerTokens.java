package dev.errand.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code Authorization: Bearer} tokens to callers. The platform knows no token format: an application
 * (the demo's {@code dev.errand.app.auth}) provides the bean.
 */
public interface BearerTokens {

    record Caller(String name, Set<String> roles) {
    }

    /** The caller the token stands for, while it is valid. */
    Optional<Caller> verify(String token);
}
