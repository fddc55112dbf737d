package dev.errand.platform.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The roles of Errand. Authentication is {@link ErrandAuthenticationMechanism} (HTTP Basic for accounts, Bearer
 * tokens for the demo application's users); web.xml says which paths need a login.
 */
@DeclareRoles({"admin", "operator", "viewer", "submitter", "user"})
@ApplicationScoped
public class SecurityConfiguration {
}
