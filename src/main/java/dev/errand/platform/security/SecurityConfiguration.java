package dev.errand.platform.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/** HTTP Basic for the API, checked by {@link AccountIdentityStore}; web.xml says which paths need a login. */
@BasicAuthenticationMechanismDefinition(realmName = "Errand")
@DeclareRoles({"admin", "submitter"})
@ApplicationScoped
public class SecurityConfiguration {
}
