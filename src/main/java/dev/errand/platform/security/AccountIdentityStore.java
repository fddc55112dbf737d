package dev.errand.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** Checks HTTP Basic credentials against Errand's accounts. */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    Accounts accounts;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return accounts.verify(credential.getCaller(), credential.getPasswordAsString())
                .map(roles -> new CredentialValidationResult(credential.getCaller(), Roles.withImplied(roles)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
