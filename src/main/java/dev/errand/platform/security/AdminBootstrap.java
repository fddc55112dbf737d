package dev.errand.platform.security;

import dev.errand.platform.Config;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Makes sure an administrator exists. {@code ERRAND_ADMIN_PASSWORD} sets the password (on every start, so it
 * can be rotated); without it the first start generates one and prints it once. No default password exists.
 */
@Singleton
@Startup
@DependsOn("Schema")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    Accounts accounts;

    @PostConstruct
    void ensureAdmin() {
        String username = Config.get("ADMIN_USER", "admin");
        String url = Config.get("PUBLIC_URL", "http://localhost:8080");
        var configured = Config.get("ADMIN_PASSWORD");
        if (configured.isPresent()) {
            if (accounts.verify(username, configured.get()).isEmpty()) {
                accounts.save(username, configured.get(), Set.of("admin"));
            }
            LOG.info(() -> "Errand is ready: dashboard " + url + "/jobs, API " + url + "/api; administrator '"
                    + username + "' with the password from ERRAND_ADMIN_PASSWORD");
        } else if (!accounts.anyWithRole("admin")) {
            String password = generate();
            accounts.save(username, password, Set.of("admin"));
            LOG.warning(() -> "\n==================== Errand first start ====================\n"
                    + "Dashboard: " + url + "/jobs   API: " + url + "/api\n"
                    + "Administrator: " + username + "   password: " + password + "\n"
                    + "Generated now and shown this once; set ERRAND_ADMIN_PASSWORD to choose it.\n"
                    + "============================================================");
        } else {
            LOG.info(() -> "Errand is ready: dashboard " + url + "/jobs, API " + url + "/api");
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
