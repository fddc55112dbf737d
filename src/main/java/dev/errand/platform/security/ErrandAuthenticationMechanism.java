package dev.errand.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One mechanism for both kinds of caller, because Jakarta Security allows one per application: HTTP Basic for
 * accounts (checked by the identity stores, i.e. {@link AccountIdentityStore}, which remembers verified passwords)
 * and Bearer tokens for users of the demo application ({@link BearerTokens}). Credentials are checked wherever
 * they are sent; a protected path without valid ones answers 401 with a Basic challenge (web.xml's error page
 * turns it into a problem document).
 */
@ApplicationScoped
public class ErrandAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "Errand";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    Instance<BearerTokens> bearerTokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
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
                CredentialValidationResult result = identityStores.validate(credential.get());
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        response.addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        if (bearerRefused) {
            response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
        }
        return context.responseUnauthorized();
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
