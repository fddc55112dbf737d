package dev.errand.job.engine;

import dev.errand.job.JobType;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Who may submit a job type over the REST API: the roles of {@link JobType#submitters()}, or those of the setting
 * {@code ERRAND_JOB_TYPE_SUBMITTERS} ({@code errand.sleep=admin,submitter;report.nightly=admin}), which wins.
 * An empty set admits every role the API admits; {@code admin} is always admitted.
 */
public record SubmitterRoles(Set<String> roles) {

    public static final String ADMIN = "admin";

    public static final SubmitterRoles ANYONE = new SubmitterRoles(Set.of());

    public static SubmitterRoles of(String... roles) {
        return new SubmitterRoles(Arrays.stream(roles).map(String::trim).filter(r -> !r.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean admits(Predicate<String> inRole) {
        return roles.isEmpty() || inRole.test(ADMIN) || roles.stream().anyMatch(inRole);
    }

    /** The setting's overrides by type name; a malformed entry stops the start (a typo must not open a type). */
    public static Map<String, SubmitterRoles> parse(String setting) {
        Map<String, SubmitterRoles> byType = new TreeMap<>();
        if (setting == null || setting.isBlank()) {
            return byType;
        }
        for (String entry : setting.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String type = eq < 0 ? "" : entry.substring(0, eq).trim();
            SubmitterRoles roles = eq < 0 ? ANYONE : of(entry.substring(eq + 1).split(","));
            if (type.isEmpty() || roles.roles().isEmpty()) {
                throw new IllegalStateException("ERRAND_JOB_TYPE_SUBMITTERS: '" + entry.trim()
                        + "' is not type=role[,role...]");
            }
            byType.put(type, roles);
        }
        return byType;
    }
}
