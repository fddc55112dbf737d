package dev.errand.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One mechanism for both kinds of caller, because Jakarta Security allows one per application: HTTP Basic for
 * accounts (checked by the identity stores, i.e. {@link AccountIdentityStore}, which remembers verified passwords)
 * and Bearer tokens for users of the demo application ({@link BearerTokens}). Credentials are checked only where
 * web.xml demands a login: elsewhere (/health, registration, the demo's login) they are ignored unread, so that an
 * anonymous path cannot be made to run the deliberately slow password hash. A protected path without valid ones
 * answers 401 with a Basic challenge; after too many wrong passwords ({@link LoginThrottle}) 429 with
 * {@code Retry-After}, before any hash. web.xml's error page turns both into problem documents.
 */
@ApplicationScoped
public class ErrandAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "Errand";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    Instance<BearerTokens> bearerTokens;

    @Inject
    LoginThrottle throttle;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (!context.isProtected() && !context.isAuthenticationRequest()) {
            return context.doNothing();
        }
        String authorization = request.getHeader("Authorization");
        boolean bearerRefused = false;
        if (startsWith(authorization, "Bearer ")) {
            Optional<BearerTokens.Caller> caller = bearer(authorization.substring(7).trim());
            if (caller.isPresent()) {
                return context.notifyContainerAboutLogin(caller.get().name(), caller.get().roles());
            }
            bearerRefused = true;
        } else if (startsWith(authorization, "Basic ")) {
            Optional<UsernamePasswordCredential> credential = basic(authorization.substring(6).trim());
            if (credential.isPresent()) {
                String address = request.getRemoteAddr();
                String account = credential.get().getCaller();
                OptionalLong refusal = throttle.refusal(address, account);
                if (refusal.isPresent()) {
                    return tooManyFailures(response, refusal.getAsLong());
                }
                CredentialValidationResult result = identityStores.validate(credential.get());
                boolean valid = result.getStatus() == CredentialValidationResult.Status.VALID;
                throttle.record(address, account, valid);
                if (valid) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
        }
        response.addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        if (bearerRefused) {
            response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
        }
        return context.responseUnauthorized();
    }

    private static AuthenticationStatus tooManyFailures(HttpServletResponse response, long retryAfterSeconds)
            throws AuthenticationException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        try {
            response.sendError(429);
        } catch (IOException e) {
            throw new AuthenticationException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private Optional<BearerTokens.Caller> bearer(String token) {
        if (token.isEmpty() || token.length() > 200 || !bearerTokens.isResolvable()) {
            return Optional.empty();
        }
        return bearerTokens.get().verify(token);
    }

    private static Optional<UsernamePasswordCredential> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    private static boolean startsWith(String header, String scheme) {
        return header != null && header.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
